using System.Text;
using TenderConsortium.Core.Members;
using TenderConsortium.Persistence.Members;
using TenderConsortium.Tests.TestSupport;

namespace TenderConsortium.Tests.Members;

public sealed class MemberImportTests : DatabaseTest
{
    [Test]
    public async Task The_example_CSV_imports_with_normalised_areas_certifications_and_money()
    {
        var result = await new MemberImporter(Db.ConnectionString).ImportFileAsync(RepoFiles.Member("example-members.csv"));
        var canal = (await new MemberQueries(Db.ConnectionString).FindAsync("sc 612345"))!.Member;
        var leith = (await new MemberQueries(Db.ConnectionString).FindAsync("SC398765"))!.Member;
        Assert.Multiple(() =>
        {
            Assert.That(result.Created, Is.EqualTo(5));
            Assert.That(canal.Name, Is.EqualTo("Canal Community Care CIC"));
            Assert.That(canal.LegalForm, Is.EqualTo(LegalForm.CommunityInterestCompany));
            Assert.That(canal.ServiceAreas, Is.EqualTo(new[] { "S12000049", "S12000045" }));
            Assert.That(canal.Cpv, Is.EqualTo(new[] { "85310000", "85311000", "85312000" }));
            Assert.That(canal.Certifications.Select(c => c.Kind), Is.EqualTo(new[] { CertificationKind.PvgDisclosure, CertificationKind.CareInspectorateRegistration, CertificationKind.RealLivingWage }));
            Assert.That(canal.Certifications[0].Expires, Is.EqualTo(new DateOnly(2026, 9, 30)));
            Assert.That(canal.AnnualTurnover!.Amount, Is.EqualTo(820_000m));
            Assert.That(canal.MaxContractValue!.Amount, Is.EqualTo(400_000m));
            Assert.That(canal.StaffFte, Is.EqualTo(24.5m));
            Assert.That(canal.AssetLock, Is.True);
            Assert.That(canal.Contacts.Single().Phone, Is.EqualTo("0141 555 0101"));
            Assert.That(leith.ServiceAreas, Is.EqualTo(new[] { "S12000036", "S12000010", "S12000019" }), "TLM73 is East Lothian and Midlothian");
            Assert.That(leith.LegalForm, Is.EqualTo(LegalForm.CompanyLimitedByGuarantee));
        });
    }

    [Test]
    public async Task Import_again_updates_by_registration_number_and_counts_unchanged_rows()
    {
        var importer = new MemberImporter(Db.ConnectionString);
        await importer.ImportFileAsync(RepoFiles.Member("example-members.csv"));
        var csv = (await File.ReadAllTextAsync(RepoFiles.Member("example-members.csv"))).Replace("820000", "900000");
        var result = await importer.ImportAsync(new MemoryStream(Encoding.UTF8.GetBytes(csv)), "m.csv");
        Assert.Multiple(async () =>
        {
            Assert.That((result.Created, result.Updated, result.Unchanged), Is.EqualTo((0, 1, 4)));
            Assert.That((await new MemberQueries(Db.ConnectionString).FindAsync("SC612345"))!.Member.AnnualTurnover!.Amount, Is.EqualTo(900_000m));
            Assert.That(await new MemberQueries(Db.ConnectionString).CountAsync(), Is.EqualTo(5));
        });
    }

    [Test]
    public async Task A_dry_run_reports_exact_counts_and_stores_nothing()
    {
        var result = await new MemberImporter(Db.ConnectionString).ImportFileAsync(RepoFiles.Member("example-members.csv"), dryRun: true);
        Assert.Multiple(async () =>
        {
            Assert.That(result.DryRun, Is.True);
            Assert.That(result.Created, Is.EqualTo(5));
            Assert.That(await new MemberQueries(Db.ConnectionString).CountAsync(), Is.Zero);
        });
    }

    [Test]
    public async Task Generated_members_round_trip_through_CSV_and_JSON()
    {
        var members = new MemberGenerator(seed: 7).Generate(300).ToList();
        var csvPath = Path.Combine(Db.Folder, "gen.csv");
        var jsonPath = Path.Combine(Db.Folder, "gen.json");
        await MemberFileWriter.WriteAsync(members, csvPath);
        await MemberFileWriter.WriteAsync(members, jsonPath);

        var fromCsv = await new MemberImporter(Db.ConnectionString).ImportFileAsync(csvPath);
        var fromJson = await new MemberImporter(Db.ConnectionString).ImportFileAsync(jsonPath);
        var stored = (await new MemberQueries(Db.ConnectionString).FindAsync(members[42].RegistrationNumber))!.Member;
        Assert.Multiple(() =>
        {
            Assert.That(fromCsv.Created, Is.EqualTo(300));
            Assert.That(fromJson.Unchanged, Is.EqualTo(300), "JSON and CSV describe the same members");
            Assert.That(stored, Is.EqualTo(members[42]).Using<Member>(SameMember));
        });
    }

    [Test]
    public void The_generator_is_deterministic_realistic_and_unique()
    {
        var a = new MemberGenerator(seed: 3).Generate(2000).ToList();
        var b = new MemberGenerator(seed: 3).Generate(2000).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(a.Select(m => m.Name), Is.EqualTo(b.Select(m => m.Name)));
            Assert.That(a.Select(m => m.RegistrationNumber).Distinct().Count(), Is.EqualTo(2000));
            Assert.That(a.SelectMany(m => m.Cpv).Select(c => c[..2]).Distinct(), Is.SupersetOf(new[] { "85", "80", "98", "90", "55", "77" }));
            Assert.That(a.Count(m => m.AnnualTurnover!.Amount <= 100_000) / 2000.0, Is.InRange(0.35, 0.75), "most members are small");
            Assert.That(a.All(m => m.ServiceAreas.All(s => s.StartsWith("S12") || s == "S92000003")), Is.True);
        });
    }

    private static bool SameMember(Member x, Member y) =>
        x.RegistrationNumber == y.RegistrationNumber && x.Name == y.Name && x.LegalForm == y.LegalForm
        && x.Contacts.SequenceEqual(y.Contacts) && x.Cpv.SequenceEqual(y.Cpv) && x.ServiceAreas.SequenceEqual(y.ServiceAreas)
        && x.Certifications.SequenceEqual(y.Certifications) && x.StaffFte == y.StaffFte && x.AnnualTurnover == y.AnnualTurnover
        && x.MaxContractValue == y.MaxContractValue && x.AssetLock == y.AssetLock && x.CapabilityStatement == y.CapabilityStatement;
}
