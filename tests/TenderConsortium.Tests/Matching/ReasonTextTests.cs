using TenderConsortium.Core.Matching;
using TenderConsortium.Core.Reference;

namespace TenderConsortium.Tests.Matching;

/// <summary>Matching reasons name the service from CPV 2008, not only its code (a lead does not know 60120000 by heart).</summary>
public sealed class ReasonTextTests
{
    [Test]
    public void The_same_code_names_the_service_the_lot_asks_for() =>
        Assert.That(ReasonText.Cpv("60120000", "60120000", CpvCloseness.Exact), Is.EqualTo("offers taxi services (CPV 60120000), which this lot asks for"));

    [Test]
    public void A_broader_or_narrower_code_names_both_services()
    {
        Assert.Multiple(() =>
        {
            Assert.That(ReasonText.Cpv("85311000", "85310000", CpvCloseness.Category),
                Is.EqualTo("offers social work services (CPV 85310000), which covers the social work services with accommodation (CPV 85311000) this lot asks for"));
            Assert.That(ReasonText.Cpv("85310000", "85311000", CpvCloseness.Category),
                Is.EqualTo("offers social work services with accommodation (CPV 85311000), part of the social work services (CPV 85310000) this lot asks for"));
        });
    }

    [Test]
    public void An_acronym_keeps_its_capitals_and_an_unknown_code_is_named_by_its_digits()
    {
        Assert.Multiple(() =>
        {
            Assert.That(CpvCatalogue.Default.Service("72000000"), Is.EqualTo("IT services: consulting, software development, Internet and support (CPV 72000000)"));
            Assert.That(ReasonText.Cpv("60120000", "60199999", CpvCloseness.Group),
                Is.EqualTo("offers the work coded CPV 60199999, related to the taxi services (CPV 60120000) this lot asks for"));
        });
    }
}
