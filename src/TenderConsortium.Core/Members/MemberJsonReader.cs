using System.Runtime.CompilerServices;
using System.Text.Json;
using TenderConsortium.Core.Common;
using TenderConsortium.Core.Intake;

namespace TenderConsortium.Core.Members;

/// <summary>
/// Streams members from JSON: a root array of member objects or <c>{"members": [...]}</c>, one element at a time.
/// Field names are the camelCase forms of the CSV columns; lists are arrays (or one semicolon-separated text).
/// </summary>
public static class MemberJsonReader
{
    private static readonly HashSet<string> Streamed = ["members"];

    public static async IAsyncEnumerable<MemberDraft> ReadAsync(
        Stream stream,
        IntakeProblems problems,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var sawMembers = false;
        await foreach (var item in JsonStream.ReadAsync(stream, Streamed, problems.Options, cancellationToken: cancellationToken))
        {
            using (item)
            {
                if (!item.IsArrayElement)
                {
                    if (item.Property == "members") problems.Error("members", $"expected an array, found {JsonFields.Describe(item.Value)}");
                    continue;
                }

                sawMembers = true;
                if (problems.IsFull) continue;
                if (ToDraft(item.Value, item.Path, problems) is { } draft) yield return draft;
            }
        }

        if (!sawMembers && !problems.HasErrors)
            throw new BadInputException("expected an array of members, or an object with a \"members\" array");
    }

    private static MemberDraft? ToDraft(JsonElement member, string path, IntakeProblems problems)
    {
        if (member.ValueKind != JsonValueKind.Object)
        {
            problems.Error(path, $"expected a member object, found {JsonFields.Describe(member)}");
            return null;
        }

        var f = new JsonFields(problems);
        string? Text(string name) => JsonFields.Member(member, name) is { } value
            ? value.ValueKind is JsonValueKind.True or JsonValueKind.False ? value.GetRawText() : f.Text(value, JsonFields.Join(path, name))
            : null;

        var draft = new MemberDraft(path, field => JsonFields.Join(path, field))
        {
            Name = Text("name"),
            LegalForm = Text("legalForm"),
            RegistrationNumber = Text("registrationNumber"),
            StaffFte = Text("staffFte"),
            AnnualTurnover = Text("annualTurnover"),
            MaxContractValue = Text("maxContractValue"),
            Currency = Text("currency"),
            AssetLock = Text("assetLock"),
            CapabilityStatement = Text("capabilityStatement"),
        };
        foreach (var (contact, at) in f.Objects(member, "contacts", path))
            draft.Contacts.Add(new ContactDraft(f.String(contact, "name", at), f.String(contact, "email", at), f.String(contact, "phone", at)));
        draft.Cpv.AddRange(List(member, "cpv", path, f));
        draft.ServiceAreas.AddRange(List(member, "serviceAreas", path, f));
        draft.Conflicts.AddRange(List(member, "conflicts", path, f));
        foreach (var (certification, at) in f.Array(member, "certifications", path))
        {
            if (certification.ValueKind == JsonValueKind.Object)
            {
                var type = f.String(certification, "type", at, required: true);
                var expires = f.String(certification, "expires", at);
                if (type is not null) draft.Certifications.Add(expires is null ? type : $"{type}:{expires}");
            }
            else if (f.Text(certification, at) is { } text)
            {
                draft.Certifications.Add(text);
            }
        }

        return draft;
    }

    private static IEnumerable<string> List(JsonElement member, string name, string path, JsonFields f) =>
        JsonFields.Member(member, name) is { ValueKind: JsonValueKind.String } single
            ? MemberColumns.SplitList(single.GetString())
            : f.Strings(member, name, path).Select(s => s.Value);
}
