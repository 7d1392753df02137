namespace TenderConsortium.Core.Reference;

/// <summary>The social-value measures members commit to in declarations, from the embedded reference list.</summary>
public sealed class SocialValueCatalogue
{
    private static readonly Lazy<SocialValueCatalogue> Shared = new(Load);
    private readonly Dictionary<string, SocialValueMeasure> _byId;

    public SocialValueCatalogue(IEnumerable<SocialValueMeasure> measures)
    {
        Measures = measures.ToList();
        _byId = Measures.ToDictionary(m => m.Id, StringComparer.OrdinalIgnoreCase);
    }

    public static SocialValueCatalogue Default => Shared.Value;

    public IReadOnlyList<SocialValueMeasure> Measures { get; }

    public SocialValueMeasure? Find(string id) => _byId.GetValueOrDefault(id.Trim());

    private static SocialValueCatalogue Load() =>
        new(ReferenceData.ReadCsv("social_value_measures_common.csv").Select(row => new SocialValueMeasure(
            row["id"], row["toms_theme"], row["measure"], row["unit"],
            string.IsNullOrWhiteSpace(row.GetValueOrDefault("national_toms_code")) ? null : row["national_toms_code"])));
}
