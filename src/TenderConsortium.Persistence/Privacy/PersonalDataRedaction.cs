using System.Text.Json;
using System.Text.RegularExpressions;

namespace TenderConsortium.Persistence.Privacy;

/// <summary>
/// Replaces a person's address and names inside stored text (journal entries, workflow state, emails), as written
/// plainly and as a JSON string escapes it, case-insensitively. Names shorter than five characters are left alone: a
/// short name is more likely to be part of other words than to identify the person.
/// </summary>
public sealed partial class PersonalDataRedaction
{
    private readonly Regex? _pattern;

    public PersonalDataRedaction(string address, string placeholder, IEnumerable<string?> names)
    {
        Address = address;
        Placeholder = placeholder;
        var terms = new List<string> { address };
        foreach (var name in names.OfType<string>().Select(n => n.Trim()).Where(n => n.Length >= 5).Distinct(StringComparer.OrdinalIgnoreCase))
        {
            terms.Add(name);
            var escaped = JsonSerializer.Serialize(name)[1..^1];
            if (escaped != name) terms.Add(escaped);
        }

        _pattern = new Regex(string.Join("|", terms.OrderByDescending(t => t.Length).Select(Regex.Escape)), RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
    }

    public string Address { get; }

    public string Placeholder { get; }

    /// <summary>What stands for a name that was removed.</summary>
    public const string ErasedName = "(erased)";

    public bool Mentions(string? text) => text is not null && _pattern!.IsMatch(text);

    public string Apply(string text) => _pattern!.Replace(text, m => m.Value.Contains('@') ? Placeholder : ErasedName);

    /// <summary>An address under .invalid (RFC 2606): no relay delivers to it, and it names no one.</summary>
    public static string NewPlaceholder() => $"erased-{Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(4))}@erased.invalid";
}
