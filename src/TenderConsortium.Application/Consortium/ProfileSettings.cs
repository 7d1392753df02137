using System.Text.Json.Nodes;
using TenderConsortium.Core.Consortium;
using TenderConsortium.Workflows.Definitions;

namespace TenderConsortium.Application.Consortium;

/// <summary>
/// The profile's facts as a bid's settings: the lead body, registration, address and signatory the bid pack and
/// sub-contracts print, the contact members write to, the procurement adviser who reviews the pack, and the name the
/// consortium's emails come from (the lead body's legal name). Only settings the workflow declares are given, and a
/// value the starter set explicitly (the CLI's --setting, the API's settings) wins.
/// </summary>
public static class ProfileSettings
{
    /// <summary>
    /// The settings the profile fills: pages never ask for them as a workflow's tunables, since a person sets them
    /// once on the profile (and no definition's default for them may reach anyone).
    /// </summary>
    public static readonly IReadOnlySet<string> Keys = new HashSet<string>(StringComparer.Ordinal)
        { "leadBody", "leadRegistration", "leadAddress", "signatory", "leadEmail", "leadName", "consortiumName", "adviserEmail" };

    public static JsonObject Apply(LeadProfile profile, WorkflowDefinition definition, JsonObject? given)
    {
        var settings = given?.DeepClone().AsObject() ?? new JsonObject();
        var facts = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["leadBody"] = profile.LegalName,
            ["leadRegistration"] = profile.RegistrationNumber,
            ["leadAddress"] = profile.AddressOnOneLine,
            ["signatory"] = profile.Signatory,
            ["leadEmail"] = profile.ContactEmail,
            ["leadName"] = $"{profile.SignatoryName}, {profile.LegalName}",
            ["consortiumName"] = profile.LegalName,
        };
        if (profile.AdviserEmail.Length > 0) facts["adviserEmail"] = profile.AdviserEmail;
        foreach (var (key, value) in facts)
            if (definition.Settings.ContainsKey(key) && settings[key] is null) settings[key] = value;
        return settings;
    }
}
