using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;
using TenderConsortium.Application.Allocation.Approve;
using TenderConsortium.Application.Allocation.Override;
using TenderConsortium.Application.Allocation.Rerun;
using TenderConsortium.Cli.Infrastructure;
using TenderConsortium.Cli.Intake;
using TenderConsortium.Core.Allocation;
using TenderConsortium.Core.Common;

namespace TenderConsortium.Cli.Allocations;

/// <summary>
/// "tender allocate OPPORTUNITY": prints the current allocation (or, before there is one, a preview from the
/// declarations so far under default rules); with --approve, --override or --rerun it is the lead's decision.
/// </summary>
public static partial class AllocateCommand
{
    public static Command Create()
    {
        var opportunity = new Argument<string>("opportunity") { Description = "The opportunity's id or OCID" };
        var approve = new Option<bool>("--approve") { Description = "Approve the proposed allocation" };
        var rerun = new Option<bool>("--rerun") { Description = "Re-run the allocation from the latest declarations" };
        var pins = new Option<string[]>("--override") { Description = "Pin a share: MEMBER:LOT=VOLUME (repeatable; needs --reason)" };
        var reason = new Option<string?>("--reason") { Description = "Why the lead overrides (recorded in the journal)" };
        var confirm = ConfirmOption.Create("the approved shares leave work uncovered (with --approve)");
        var command = NodeOptions.Command("allocate", "Show the allocation of an opportunity's lots among members, or approve/override it", out var node,
            opportunity, approve, rerun, pins, reason, confirm);
        command.SetAction((parse, ct) => CommandRunner.RunAsync(() => node.RunAsync(parse, async services =>
        {
            var service = services.GetRequiredService<AllocationService>();
            var key = parse.GetValue(opportunity)!;
            var overrides = ParseOverrides(parse.GetValue(pins) ?? [], parse.GetValue(reason));
            var actions = (parse.GetValue(approve) ? 1 : 0) + (parse.GetValue(rerun) ? 1 : 0) + (overrides.Count > 0 ? 1 : 0);
            if (actions > 1) throw new BadInputException("give one of --approve, --rerun or --override at a time");
            if (overrides.Count > 0)
                await ProblemPaths.RunAsync(() => services.GetRequiredService<OverrideAllocationHandler>().HandleAsync(new OverrideAllocation(key, overrides, NodeOptions.Actor), ct),
                    ("overrides", "--override"));
            if (parse.GetValue(rerun)) await services.GetRequiredService<RerunAllocationHandler>().HandleAsync(new RerunAllocation(key, NodeOptions.Actor), ct);
            if (parse.GetValue(approve))
                await ConfirmOption.RunAsync(() => services.GetRequiredService<ApproveAllocationHandler>().HandleAsync(new ApproveAllocation(key, NodeOptions.Actor, parse.GetValue(confirm)), ct));

            var (_, title, current) = await service.CurrentAsync(key, ct);
            var result = current?.Result ?? await service.PreviewAsync(key, ct);
            var json = AllocationJson.From(result, current?.Round, current?.Status);
            if (current is null) json["preview"] = true;
            else json["consents"] = new JsonArray(current.Consents.Select(c => (JsonNode)new JsonObject
            {
                ["memberId"] = c.MemberId, ["status"] = c.Status.ToString().ToLowerInvariant(), ["reason"] = c.Reason,
            }).ToArray());
            // Before approving: who would deliver more than it declared across bids if every pending bid were won.
            var over = await services.GetRequiredService<Application.Delivery.Capacity.ShowCapacityHandler>().HandleAsync(
                new Application.Delivery.Capacity.ShowCapacity(OverCommittedOnly: true, Opportunity: key), ct);
            json["overCommitted"] = Application.Delivery.Capacity.CapacityJson.OverCommitted(over);
            if (node.Json(parse))
            {
                Console.Out.WriteLine(json.ToJsonString(DomainJson.Indented));
                return CliExit.Ok;
            }

            Print(title, current, result);
            // Through the fitted writer like the rest of the output, so these sentences wrap at the terminal's width too.
            using var fitted = FittedWriter.Out;
            fitted.WriteLine();
            fitted.WriteLine(over.Count == 0 ? "Capacity across bids: no member of these shares would deliver more than it declared, even if every pending bid were won."
                : "Capacity across bids, check before approving:");
            foreach (var ledger in over) fitted.WriteLine($"  {Core.Delivery.OverCommitment.Describe(ledger)}");
            return CliExit.Ok;
        }, ct)));
        return command;
    }

    private static void Print(string title, StoredAllocation? current, AllocationResult result)
    {
        var console = IntakeCli.Terminal();
        console.WriteLine(current is null
            ? $"{title}: preview from the declarations so far (default rules; no allocation stored yet)"
            : $"{title}: allocation round {current.Round}, {current.Status.ToString().ToLowerInvariant()}");
        foreach (var lot in result.Lots)
        {
            console.WriteLine();
            console.WriteLine($"Lot {lot.LotId}: {lot.Title} — {lot.Covered:N0} of {lot.Demand:N0} {lot.Unit} covered" + (lot.Uncovered > 0 ? $", GAP {lot.Uncovered:N0}" : ""));
            // The reasons are sentences: below the table, wrapped to the width, rather than a column squeezing the numbers.
            var table = new Table().AddColumns("Member", "Volume", "Value (£)", "% of lot", "Consent");
            foreach (var share in lot.Shares)
            {
                var consent = current?.Consents.FirstOrDefault(c => c.MemberId == share.MemberId)?.Status.ToString().ToLowerInvariant() ?? "";
                table.AddRow(Markup.Escape(share.MemberName), share.Volume.ToString("N0", CultureInfo.InvariantCulture),
                    share.Value.ToString("N2", CultureInfo.InvariantCulture), share.PercentOfLot.ToString("0.#", CultureInfo.InvariantCulture),
                    share.Volume > 0 ? consent : "");
            }

            if (lot.Shares.Count > 0)
            {
                console.Write(table);
                foreach (var share in lot.Shares)
                    console.WriteLine($"  {share.Explanation}{(share.OverrideReason is { } r && !share.Explanation.Contains(r, StringComparison.Ordinal) ? $" (lead: {r})" : "")}");
            }
            else console.WriteLine("  nobody declared for this lot");
        }

        var o = result.Objective;
        console.WriteLine();
        console.WriteLine($"Objective: uncovered {o.UncoveredUnits:N0} units, micro-member floor shortfall {o.FloorShortfallUnits:N0} units, weighted cost {o.WeightedCost:N0} " +
                          $"(price {o.Price:N0}, quality {o.Quality:N0}, social value {o.SocialValue:N0}, locality {o.Locality:N0}, concentration {o.Concentration:N0}, rotation {o.Rotation:N0})");
    }

    private static IReadOnlyList<ShareOverride> ParseOverrides(string[] pins, string? reason)
    {
        if (pins.Length == 0) return [];
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(reason)) problems.Add("--reason: required with --override; the consortium records why the lead changed a share");
        var result = new List<ShareOverride>();
        foreach (var pin in pins)
        {
            var m = Pin().Match(pin);
            if (!m.Success)
            {
                problems.Add($"--override: expected MEMBER:LOT=VOLUME such as 3f2a…:1=400, got '{pin}'");
                continue;
            }

            result.Add(new ShareOverride(m.Groups["member"].Value, m.Groups["lot"].Value, long.Parse(m.Groups["volume"].Value, CultureInfo.InvariantCulture), reason ?? ""));
        }

        if (problems.Count > 0) throw new BadInputException(problems);
        return result;
    }

    [GeneratedRegex(@"^(?<member>[^:=\s]+):(?<lot>[^=]+)=(?<volume>\d{1,15})$")]
    private static partial Regex Pin();
}
