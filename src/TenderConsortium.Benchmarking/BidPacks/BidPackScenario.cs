using TenderConsortium.Core.Allocation;
using TenderConsortium.Core.BidPacks;
using TenderConsortium.Core.Common;
using TenderConsortium.Core.Declarations;
using TenderConsortium.Core.Intake;
using TenderConsortium.Core.Members;
using TenderConsortium.Core.Opportunities;
using TenderConsortium.Core.Reference;

namespace TenderConsortium.Benchmarking.BidPacks;

/// <summary>
/// Bid-pack inputs for tests and the benchmark: a real notice or a generated one, members from a CSV or generated,
/// and declarations made up from the members deterministically (which lots each member declares for, its volume,
/// price, start, staff, areas, social-value commitments and SPD facts all follow from its position and the lot's),
/// then allocated by the real solver. Member ids are their registration numbers.
/// </summary>
public static class BidPackScenario
{
    public const decimal ReferencePrice = 30m;

    public static readonly DateOnly DefaultAsOf = new(2026, 11, 1);

    public static async Task<IReadOnlyList<BidPackMember>> ReadMembersAsync(string csvPath)
    {
        var problems = new IntakeProblems(IntakeOptions.Default);
        var validator = new MemberValidator();
        var members = new List<BidPackMember>();
        await using var stream = File.OpenRead(csvPath);
        await foreach (var draft in MemberCsvReader.ReadAsync(stream, problems))
            if (validator.Validate(draft, problems) is { } member)
                members.Add(new BidPackMember(member.RegistrationNumber, member));
        problems.ThrowIfAny();
        return members;
    }

    public static async Task<Opportunity> ReadNoticeAsync(string path)
    {
        var problems = new IntakeProblems(IntakeOptions.Default);
        await using var stream = File.OpenRead(path);
        await foreach (var notice in new NoticeReader().ReadAsync(stream, Path.GetFileName(path), problems))
            return notice.Opportunity;
        problems.ThrowIfAny();
        throw new BadInputException($"{path}: no notice");
    }

    /// <summary>Hours per lot: the lot's value at the reference price, within 200–20,000, else 2,000.</summary>
    public static IReadOnlyList<LotTerms> Terms(Opportunity opportunity) => opportunity.Lots.Select(lot =>
    {
        var value = lot.Value?.Amount ?? opportunity.Value?.Amount / Math.Max(1, opportunity.Lots.Count);
        var demand = value is { } v ? (long)Math.Clamp(Math.Floor(v / ReferencePrice), 200, 20_000) : 2_000;
        return new LotTerms(lot.Id, LotUnits.Hours, demand, ReferencePrice);
    }).ToList();

    public static IReadOnlyList<CapacityDeclaration> Declarations(Opportunity opportunity, IReadOnlyList<BidPackMember> members, IReadOnlyList<LotTerms> terms)
    {
        var measures = SocialValueCatalogue.Default.Measures;
        var start = opportunity.ContractPeriod?.Start is { } s ? DateOnly.FromDateTime(s.UtcDateTime) : DefaultAsOf.AddMonths(3);
        var declarations = new List<CapacityDeclaration>();
        for (var i = 0; i < members.Count; i++)
        {
            var member = members[i];
            var lots = new List<LotDeclaration>();
            for (var j = 0; j < opportunity.Lots.Count; j++)
            {
                // About two members in five declare for each lot, a different mix per lot.
                if ((i * 7 + j * 3) % 5 >= 2) continue;
                var lot = opportunity.Lots[j];
                var demand = terms.First(t => t.LotId == lot.Id).Demand;
                var shared = measures[i % measures.Count];
                var commitments = new List<SocialValueCommitment> { new(shared.Id, 1 + i % 3, shared.Unit, "across all its lots") };
                if (j % 4 == i % 4)
                {
                    var own = measures[(i + j + 5) % measures.Count];
                    commitments.Add(new SocialValueCommitment(own.Id, 2 + j % 5, own.Unit, $"for lot {lot.Id}"));
                }

                lots.Add(new LotDeclaration
                {
                    LotId = lot.Id,
                    Volume = Math.Max(1, demand * (10 + (i * 13 + j * 7) % 25) / 100),
                    PricePerUnit = ReferencePrice - 6 + (i * 13 + j * 7) % 12 + (i % 4) * 0.25m,
                    EarliestStart = start.AddDays((i + j) % 4 * 7),
                    Staff = (int)Math.Ceiling(member.Member.StaffFte ?? 4 + i % 9),
                    KeyRoles = ["service manager", i % 2 == 0 ? "support worker" : "trainer"],
                    Areas = member.Member.ServiceAreas.Where(a => lot.Places.Contains(a)).DefaultIfEmpty(member.Member.ServiceAreas.FirstOrDefault() ?? ScottishPlaces.ScotlandCode).ToList(),
                    SocialValue = commitments,
                });
            }

            declarations.Add(new CapacityDeclaration
            {
                OpportunityId = opportunity.Ocid,
                MemberId = member.Id,
                Revision = 1,
                SubmittedAt = new DateTimeOffset(DefaultAsOf.ToDateTime(new TimeOnly(9, 0)).AddDays(-10 + i % 7), TimeSpan.Zero),
                DeclineReason = lots.Count == 0 ? "no capacity for this opportunity" : null,
                Lots = lots,
                Spd = new SpdFacts(member.Member.AnnualTurnover?.Amount ?? 100_000 + i * 10_000, 5_000_000, 95 + i % 5),
            });
        }

        return declarations;
    }

    public static BidPackInput Input(Opportunity opportunity, IReadOnlyList<BidPackMember> members, DateOnly? asOf = null,
        ConsortiumProfile? profile = null, IReadOnlyList<CapacityDeclaration>? declarations = null)
    {
        var terms = Terms(opportunity);
        declarations ??= Declarations(opportunity, members, terms);
        var rules = AllocationRules.Default;
        var problem = new AllocationProblemBuilder(rules).Build(opportunity, terms, declarations, members.ToDictionary(m => m.Id, m => m.Member));
        return new BidPackInput
        {
            OpportunityId = opportunity.Ocid,
            Opportunity = opportunity,
            Members = members,
            Declarations = declarations,
            Allocation = new AllocationSolver(rules).Solve(problem),
            AllocationUpdatedAt = declarations.Select(d => d.SubmittedAt).DefaultIfEmpty(DateTimeOffset.UnixEpoch).Max().AddDays(1),
            LotTerms = terms,
            Rules = rules,
            Profile = profile ?? new ConsortiumProfile
            {
                Name = "Clyde and Forth Social Enterprise Consortium",
                LeadName = "Clyde and Forth Consortium CIC",
                LeadRegistration = "SC700001",
                LeadAddress = "1 Example Street, Glasgow G1 1AA",
                Signatory = "Chief Executive",
            },
            AsOf = asOf ?? DefaultAsOf,
        };
    }

    /// <summary>A generated opportunity of <paramref name="lots"/> lots across Scotland's councils, and generated members.</summary>
    public static (Opportunity Opportunity, IReadOnlyList<BidPackMember> Members) Generated(int lots, int members, int seed = 7)
    {
        var councils = ScottishPlaces.Default.Councils;
        var opportunity = new Opportunity
        {
            Source = NoticeSource.Manual,
            Ocid = $"ocds-bench-{lots}x{members}",
            Buyer = new Buyer("bench", "Benchmark Council"),
            Title = $"Community support services in {lots} lots",
            Reference = "BENCH-1",
            Value = new Money(lots * 150_000m, "GBP"),
            Deadline = new DateTimeOffset(2026, 12, 15, 12, 0, 0, TimeSpan.Zero),
            CommunityBenefits = true,
            Lots = Enumerable.Range(1, lots).Select(i => new Lot
            {
                Id = i.ToString(System.Globalization.CultureInfo.InvariantCulture),
                Title = $"Lot {i}: support in {councils[i % councils.Count].Name}",
                Value = new Money(150_000m, "GBP"),
                Places = [councils[i % councils.Count].Code],
                AwardCriteria = [new AwardCriterion("quality", "Method statement", CriterionWeight.Of(60)), new AwardCriterion("price", "Price", CriterionWeight.Of(40))],
            }).ToList(),
        };
        var generated = new MemberGenerator(seed).Generate(members).Select(m => new BidPackMember(m.RegistrationNumber, m)).ToList();
        return (opportunity, generated);
    }
}
