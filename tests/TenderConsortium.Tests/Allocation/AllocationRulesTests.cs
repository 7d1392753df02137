using System.Text.Json.Nodes;
using TenderConsortium.Core.Allocation;
using TenderConsortium.Core.Common;

namespace TenderConsortium.Tests.Allocation;

public sealed class AllocationRulesTests
{
    [Test]
    public void No_settings_give_the_documented_defaults()
    {
        var rules = AllocationRules.FromSettings(null);
        Assert.That(rules, Is.EqualTo(AllocationRules.Default));
        Assert.That(rules.MaxSharePerMember, Is.EqualTo(0.4m));
        Assert.That(rules.MicroMinShare, Is.EqualTo(0.1m));
        Assert.That(rules.IsMicroMember(9), Is.True);
        Assert.That(rules.IsMicroMember(10), Is.False);
    }

    [Test]
    public void Settings_are_read_at_top_level_or_under_allocation_with_percent_text()
    {
        var top = AllocationRules.FromSettings(JsonNode.Parse("""{"maxSharePerMember":"35%","microMinShare":0.15,"concentrationSteps":5,"other":"kept for others"}""")!.AsObject());
        var nested = AllocationRules.FromSettings(JsonNode.Parse("""{"allocation":{"priceWeight":0.7,"localityWeight":"20%","rotationSaturation":3}}""")!.AsObject());
        Assert.Multiple(() =>
        {
            Assert.That(top.MaxSharePerMember, Is.EqualTo(0.35m));
            Assert.That(top.MicroMinShare, Is.EqualTo(0.15m));
            Assert.That(top.ConcentrationSteps, Is.EqualTo(5));
            Assert.That(top.PriceWeight, Is.EqualTo(AllocationRules.Default.PriceWeight));
            Assert.That(nested.PriceWeight, Is.EqualTo(0.7m));
            Assert.That(nested.LocalityWeight, Is.EqualTo(0.2m));
            Assert.That(nested.RotationSaturation, Is.EqualTo(3));
        });
    }

    [Test]
    public void Bad_settings_are_refused_naming_each_key()
    {
        var error = Assert.Throws<BadInputException>(() =>
            AllocationRules.FromSettings(JsonNode.Parse("""{"maxSharePerMember":1.5,"concentrationSteps":0,"qualityWeight":"lots"}""")!.AsObject()))!;
        Assert.That(error.Problems, Has.Count.EqualTo(3));
        Assert.That(error.Message, Does.Contain("settings.maxSharePerMember").And.Contain("settings.concentrationSteps").And.Contain("settings.qualityWeight"));
    }
}
