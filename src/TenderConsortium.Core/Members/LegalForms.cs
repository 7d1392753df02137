namespace TenderConsortium.Core.Members;

/// <summary>The spellings of legal forms that registries and spreadsheets use, mapped to <see cref="LegalForm"/>.</summary>
public static class LegalForms
{
    private static readonly Dictionary<string, LegalForm> ByKey = new(StringComparer.Ordinal)
    {
        ["cic"] = LegalForm.CommunityInterestCompany,
        ["communityinterestcompany"] = LegalForm.CommunityInterestCompany,
        ["scio"] = LegalForm.Scio,
        ["scottishcharitableincorporatedorganisation"] = LegalForm.Scio,
        ["charity"] = LegalForm.Charity,
        ["registeredcharity"] = LegalForm.Charity,
        ["clg"] = LegalForm.CompanyLimitedByGuarantee,
        ["companylimitedbyguarantee"] = LegalForm.CompanyLimitedByGuarantee,
        ["cooperative"] = LegalForm.Cooperative,
        ["coop"] = LegalForm.Cooperative,
        ["cooperativesociety"] = LegalForm.Cooperative,
        ["cooperativasocialea"] = LegalForm.CooperativaSocialeTypeA,
        ["cooperativasocialetipoa"] = LegalForm.CooperativaSocialeTypeA,
        ["cooperativasocialetypea"] = LegalForm.CooperativaSocialeTypeA,
        ["coopa"] = LegalForm.CooperativaSocialeTypeA,
        ["cooperativasocialeb"] = LegalForm.CooperativaSocialeTypeB,
        ["cooperativasocialetipob"] = LegalForm.CooperativaSocialeTypeB,
        ["cooperativasocialetypeb"] = LegalForm.CooperativaSocialeTypeB,
        ["coopb"] = LegalForm.CooperativaSocialeTypeB,
        ["other"] = LegalForm.Other,
    };

    public const string Accepted = "CIC, SCIO, charity, company limited by guarantee (CLG), co-operative, cooperativa sociale A, cooperativa sociale B, other";

    public static LegalForm? TryParse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var key = new string(text.ToLowerInvariant().Where(char.IsAsciiLetterOrDigit).ToArray());
        if (ByKey.TryGetValue(key, out var form)) return form;
        return Enum.GetValues<LegalForm>().Where(f => f.ToString().Equals(key, StringComparison.OrdinalIgnoreCase)).Cast<LegalForm?>().FirstOrDefault();
    }

    public static string Label(LegalForm form) => form switch
    {
        LegalForm.CommunityInterestCompany => "CIC",
        LegalForm.Scio => "SCIO",
        LegalForm.Charity => "charity",
        LegalForm.CompanyLimitedByGuarantee => "company limited by guarantee",
        LegalForm.Cooperative => "co-operative",
        LegalForm.CooperativaSocialeTypeA => "cooperativa sociale A",
        LegalForm.CooperativaSocialeTypeB => "cooperativa sociale B",
        _ => "other",
    };
}
