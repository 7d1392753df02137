using System.CommandLine;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using TenderConsortium.Application.Consortium.SaveProfile;
using TenderConsortium.Application.Consortium.ShowProfile;
using TenderConsortium.Cli.Infrastructure;
using TenderConsortium.Cli.Intake;
using TenderConsortium.Core.Common;
using TenderConsortium.Persistence.Tenancy;

namespace TenderConsortium.Cli.Consortium;

/// <summary>"tender consortium profile show|set": the lead body's facts every bid needs before it starts.</summary>
public static class ConsortiumCommands
{
    /// <summary>Each field of the profile: its option and the problem path the handler names it by.</summary>
    private static readonly (string Path, string Option, string Description)[] Fields =
    [
        ("legalName", "--legal-name", "The lead body's legal name, as registered, e.g. \"Clyde Social Enterprise Consortium Ltd\""),
        ("registrationNumber", "--registration", "Its registration number (Companies House, OSCR or FCA), e.g. SC700123"),
        ("signatoryName", "--signatory", "Who signs bids for it, by full name"),
        ("signatoryRole", "--signatory-role", "The signatory's role, e.g. \"Chief Executive\""),
        ("contactEmail", "--email", "The email address members and buyers write to"),
        ("contactPhone", "--phone", "A phone number, e.g. \"0141 496 0000\""),
        ("adviserEmail", "--adviser-email", "Your procurement adviser's email: the Partnership for Procurement adviser who reviews your bid packs"),
        ("address", "--address", "The registered address; separate lines with commas or repeat the option"),
    ];

    public static Command Create()
    {
        var profile = new Command("profile", "The consortium profile: the lead body's legal name, registration, signatory, contact, address and procurement adviser (required before a bid starts)");
        profile.Subcommands.Add(Show());
        profile.Subcommands.Add(Set());
        return new Command("consortium", "The consortium's own details") { profile };
    }

    private static Command Show()
    {
        var consortium = ConsortiumOption.Create("The consortium by name (default: the default consortium)");
        var command = NodeOptions.Command("show", "Show the consortium profile", out var node, consortium);
        command.SetAction((parse, ct) => CommandRunner.RunAsync(() => node.RunAsync(parse, async services =>
        {
            var id = await services.GetRequiredService<ConsortiumStore>().ResolveAsync(parse.GetValue(consortium), ct);
            var view = await services.GetRequiredService<ShowProfileHandler>().HandleAsync(new ShowProfile(id), ct);
            if (node.Json(parse))
            {
                Console.Out.WriteLine(JsonSerializer.Serialize(view, DomainJson.Indented));
                return CliExit.Ok;
            }

            if (view.Profile is not { } p)
            {
                Console.WriteLine("The consortium profile is not complete yet: no bid can start until it is.");
                Console.WriteLine("Complete it with: tender consortium profile set --legal-name … --registration … --signatory … --signatory-role … --email … --phone … --address …");
                return CliExit.Ok;
            }

            Console.WriteLine($"Lead body        {p.LegalName}");
            Console.WriteLine($"Registration     {p.RegistrationNumber}");
            Console.WriteLine($"Signatory        {p.Signatory}");
            Console.WriteLine($"Contact email    {p.ContactEmail}");
            Console.WriteLine($"Contact phone    {p.ContactPhone}");
            Console.WriteLine($"Address          {p.AddressOnOneLine}");
            Console.WriteLine($"Adviser's email  {(p.AdviserEmail.Length == 0 ? "not given: bids cannot start until you add it" : p.AdviserEmail)}");
            Console.WriteLine($"Last changed     {Core.Workflow.JournalTime.Of(p.UpdatedAt)} by {p.UpdatedBy}");
            return CliExit.Ok;
        }, ct)));
        return command;
    }

    private static Command Set()
    {
        var consortium = ConsortiumOption.Create("The consortium by name (default: the default consortium)");
        var options = Fields.Select(f => f.Path == "address"
            ? (Option)new Option<string[]>(f.Option) { Description = f.Description, Required = true }
            : new Option<string>(f.Option) { Description = f.Description, Required = true }).ToList();
        var command = NodeOptions.Command("set", "Complete or change the consortium profile (every field is required; a bid already running keeps its facts)", out var node,
            [consortium, .. options]);
        command.SetAction((parse, ct) => CommandRunner.RunAsync(() => node.RunAsync(parse, async services =>
        {
            var id = await services.GetRequiredService<ConsortiumStore>().ResolveAsync(parse.GetValue(consortium), ct);
            string? Value(string path) => parse.GetValue((Option<string>)options[Array.FindIndex(Fields, f => f.Path == path)]);
            var address = string.Join('\n', (parse.GetValue((Option<string[]>)options[^1]) ?? [])
                .SelectMany(a => a.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)));
            try
            {
                await services.GetRequiredService<SaveProfileHandler>().HandleAsync(new SaveProfile(id, NodeOptions.Actor, Value("legalName"), Value("registrationNumber"),
                    Value("signatoryName"), Value("signatoryRole"), Value("contactEmail"), Value("contactPhone"), address, Value("adviserEmail")), ct);
            }
            catch (ProblemException ex)
            {
                // Named by the option the person typed, not by the handler's field name.
                throw new ProblemException(ex.Items.Select(p => p with { Path = Fields.FirstOrDefault(f => f.Path == p.Path).Option ?? p.Path }).ToList());
            }

            Console.WriteLine("Consortium profile saved. New bids name this lead body, signatory and contact.");
            return CliExit.Ok;
        }, ct)));
        return command;
    }
}
