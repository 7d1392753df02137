using System.Globalization;
using System.Text.RegularExpressions;
using TenderConsortium.Core.Common;
using TenderConsortium.Core.Intake;
using TenderConsortium.Core.Reference;

namespace TenderConsortium.Core.Members;

/// <summary>
/// Checks a <see cref="MemberDraft"/> and builds the <see cref="Member"/>. Unlike a buyer's notice, the registry is our
/// own data, so an unknown CPV code or place is an error to fix now rather than a silent miss in matching later.
/// </summary>
public sealed partial class MemberValidator(CpvCatalogue catalogue, ScottishPlaces places)
{
    public const int MaxNameLength = 200;

    public MemberValidator() : this(CpvCatalogue.Default, ScottishPlaces.Default) { }

    public Member? Validate(MemberDraft d, IntakeProblems problems)
    {
        var before = problems.Errors.Count;
        var name = Required(d.Name, d.At("name"), problems);
        if (name is not null && name.Length > MaxNameLength) problems.Error(d.At("name"), $"is {name.Length} characters; the limit is {MaxNameLength}");

        LegalForm? form = null;
        if (Required(d.LegalForm, d.At("legalForm"), problems) is { } formText)
        {
            form = LegalForms.TryParse(formText);
            if (form is null) problems.Error(d.At("legalForm"), $"'{JsonFields.Clip(formText)}' is not a legal form (expected one of: {LegalForms.Accepted})");
        }

        var registration = NormaliseRegistration(Required(d.RegistrationNumber, d.At("registrationNumber"), problems));
        if (registration is not null && !RegistrationPattern().IsMatch(registration))
            problems.Error(d.At("registrationNumber"), $"'{JsonFields.Clip(registration)}' is not a registration number (expected letters and digits such as SC123456)");

        var contacts = ValidateContacts(d, problems);
        var cpv = ValidateCpv(d, problems);
        var areas = ValidateAreas(d, problems);
        var certifications = ValidateCertifications(d, problems);
        var fte = Amount(d.StaffFte, d.At("staffFte"), "a number of full-time equivalents such as 12.5", problems);
        var currency = (d.Currency?.Trim() is { Length: > 0 } c ? c : "GBP").ToUpperInvariant();
        if (!JsonFields.IsCurrencyCode(currency)) problems.Error(d.At("currency"), $"'{JsonFields.Clip(currency)}' is not an ISO 4217 currency code such as GBP");
        var turnover = Amount(d.AnnualTurnover, d.At("annualTurnover"), "an amount such as 250000", problems);
        var maxContract = Amount(d.MaxContractValue, d.At("maxContractValue"), "an amount such as 100000", problems);
        var assetLock = false;
        if (!string.IsNullOrWhiteSpace(d.AssetLock) && !JsonFields.TryParseBool(d.AssetLock, out assetLock))
            problems.Error(d.At("assetLock"), $"'{JsonFields.Clip(d.AssetLock)}' is not yes or no (expected true, false, yes or no)");

        if (problems.Errors.Count > before || name is null || form is null || registration is null) return null;
        return new Member
        {
            RegistrationNumber = registration,
            Name = name,
            LegalForm = form.Value,
            Contacts = contacts,
            Cpv = cpv,
            ServiceAreas = areas,
            Certifications = certifications,
            StaffFte = fte,
            AnnualTurnover = turnover is null ? null : new Money(turnover.Value, currency),
            MaxContractValue = maxContract is null ? null : new Money(maxContract.Value, currency),
            AssetLock = assetLock,
            CapabilityStatement = string.IsNullOrWhiteSpace(d.CapabilityStatement) ? null : d.CapabilityStatement.Trim(),
            Conflicts = d.Conflicts.Select(c => c.Trim()).Where(c => c.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).ToList(),
        };
    }

    /// <summary>Upper case without spaces: "sc 123456" and "SC123456" are the same organisation.</summary>
    public static string? NormaliseRegistration(string? text) =>
        text is null ? null : new string(text.Where(ch => !char.IsWhiteSpace(ch)).ToArray()).ToUpperInvariant();

    private static string? Required(string? value, string at, IntakeProblems problems)
    {
        if (!string.IsNullOrWhiteSpace(value)) return value.Trim();
        problems.Error(at, "required");
        return null;
    }

    private static List<Contact> ValidateContacts(MemberDraft d, IntakeProblems problems)
    {
        var contacts = new List<Contact>();
        for (var i = 0; i < d.Contacts.Count; i++)
        {
            var contact = d.Contacts[i];
            if (string.IsNullOrWhiteSpace(contact.Name) && string.IsNullOrWhiteSpace(contact.Email) && string.IsNullOrWhiteSpace(contact.Phone)) continue;
            var email = contact.Email?.Trim();
            if (string.IsNullOrEmpty(email))
            {
                problems.Error(d.At($"contacts[{i}].email"), "required for each contact (invitations go by email)");
                continue;
            }

            if (!EmailPattern().IsMatch(email)) problems.Error(d.At($"contacts[{i}].email"), $"'{JsonFields.Clip(email)}' is not an email address (expected name@example.org)");
            var phone = contact.Phone?.Trim();
            if (!string.IsNullOrEmpty(phone) && !PhonePattern().IsMatch(phone))
                problems.Error(d.At($"contacts[{i}].phone"), $"'{JsonFields.Clip(phone)}' is not a phone number (expected digits, spaces, + ( ) -, e.g. +44 131 555 0100)");
            contacts.Add(new Contact(string.IsNullOrWhiteSpace(contact.Name) ? null : contact.Name.Trim(), email, string.IsNullOrEmpty(phone) ? null : phone));
        }

        if (contacts.Count == 0 && !d.Contacts.Any(c => !string.IsNullOrWhiteSpace(c.Email)))
            problems.Error(d.At("contacts[0].email"), "required: at least one contact email (invitations go by email)");
        return contacts;
    }

    private List<string> ValidateCpv(MemberDraft d, IntakeProblems problems)
    {
        var codes = new List<string>();
        for (var i = 0; i < d.Cpv.Count; i++)
        {
            var check = catalogue.Check(d.Cpv[i]);
            if (check.Problem is not null) problems.Error(d.At($"cpv[{i}]"), check.Problem);
            else if (!codes.Contains(check.Code8!)) codes.Add(check.Code8!);
        }

        return codes;
    }

    private List<string> ValidateAreas(MemberDraft d, IntakeProblems problems)
    {
        var areas = new List<string>();
        for (var i = 0; i < d.ServiceAreas.Count; i++)
        {
            var text = d.ServiceAreas[i].Trim();
            var codes = places.Resolve(text);
            if (codes is null && RegionCodePattern().IsMatch(text)) codes = [text.ToUpperInvariant()];
            if (codes is null)
            {
                problems.Error(d.At($"serviceAreas[{i}]"), $"'{JsonFields.Clip(text)}' is not a Scottish council area, S12 code or ITL/NUTS code");
                continue;
            }

            foreach (var code in codes.Where(code => !areas.Contains(code))) areas.Add(code);
        }

        return areas;
    }

    private static List<Certification> ValidateCertifications(MemberDraft d, IntakeProblems problems)
    {
        var certifications = new List<Certification>();
        for (var i = 0; i < d.Certifications.Count; i++)
        {
            var text = d.Certifications[i].Trim();
            var colon = text.LastIndexOf(':');
            var name = colon >= 0 ? text[..colon].Trim() : text;
            DateOnly? expires = null;
            if (colon >= 0)
            {
                var dateText = text[(colon + 1)..].Trim();
                if (!DateOnly.TryParseExact(dateText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
                {
                    problems.Error(d.At($"certifications[{i}]"), $"'{JsonFields.Clip(dateText)}' is not a valid expiry date for {name} (expected YYYY-MM-DD)");
                    continue;
                }

                expires = date;
            }

            if (name.Length == 0)
            {
                problems.Error(d.At($"certifications[{i}]"), "a certification needs a name, e.g. PVG:2026-03-31");
                continue;
            }

            certifications.Add(new Certification(Certification.KindOf(name), name, expires));
        }

        return certifications;
    }

    private static decimal? Amount(string? text, string at, string expected, IntakeProblems problems)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var cleaned = text.Trim().TrimStart('£', '€').Replace(",", "").Replace("_", "");
        if (!JsonFields.TryParseNumber(cleaned, out var number))
        {
            problems.Error(at, $"'{JsonFields.Clip(text)}' is not a number (expected {expected})");
            return null;
        }

        if (number < 0)
        {
            problems.Error(at, $"must not be negative, found {JsonFields.Clip(text)}");
            return null;
        }

        return number;
    }

    [GeneratedRegex(@"^[A-Z0-9][A-Z0-9/.\-]{1,29}$", RegexOptions.CultureInvariant)]
    private static partial Regex RegistrationPattern();

    [GeneratedRegex(@"^[A-Za-z0-9._%+'\-]+@[A-Za-z0-9\-]+(\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}$", RegexOptions.CultureInvariant)]
    private static partial Regex EmailPattern();

    [GeneratedRegex(@"^\+?[0-9][0-9 ()\-]{5,19}$", RegexOptions.CultureInvariant)]
    private static partial Regex PhonePattern();

    [GeneratedRegex("^(UK|TL)[A-Z0-9]{0,3}$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex RegionCodePattern();
}
