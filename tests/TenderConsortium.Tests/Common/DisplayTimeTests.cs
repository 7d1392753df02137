using TenderConsortium.Core.Common;

namespace TenderConsortium.Tests.Common;

/// <summary>Times as people read them: UK time (GMT in winter, BST in summer) in the GOV.UK style; stored values stay UTC.</summary>
public sealed class DisplayTimeTests
{
    private static readonly DisplayTime Uk = new(new DisplayTimeOptions());

    [Test]
    public void A_summer_instant_reads_in_british_summer_time()
    {
        var at = new DateTimeOffset(2027, 7, 12, 16, 0, 0, TimeSpan.Zero);
        Assert.Multiple(() =>
        {
            Assert.That(Uk.DateAndTime(at), Is.EqualTo("12 July 2027 at 5pm (UK time)"));
            Assert.That(Uk.WeekdayDateAndTime(at), Is.EqualTo("Monday 12 July 2027 at 5pm (UK time)"));
            Assert.That(Uk.Time(at), Is.EqualTo("5pm (UK time)"));
        });
    }

    [Test]
    public void A_winter_instant_reads_in_greenwich_mean_time()
    {
        var at = new DateTimeOffset(2027, 3, 12, 17, 0, 0, TimeSpan.Zero);
        Assert.That(Uk.DateAndTime(at), Is.EqualTo("12 March 2027 at 5pm (UK time)"));
    }

    [TestCase(0, 0, "midnight")]
    [TestCase(12, 0, "midday")]
    [TestCase(17, 30, "5:30pm")]
    [TestCase(9, 5, "9:05am")]
    [TestCase(0, 15, "12:15am")]
    [TestCase(12, 45, "12:45pm")]
    [TestCase(23, 59, "11:59pm")]
    public void Times_are_written_the_gov_uk_way(int hour, int minute, string expected) =>
        Assert.That(DisplayTime.Clock(new DateTimeOffset(2027, 1, 4, hour, minute, 0, TimeSpan.Zero)), Is.EqualTo(expected));

    [Test]
    public void The_day_is_the_readers_day()
    {
        // 23:30 UTC on 30 June is 00:30 on 1 July in the UK.
        var at = new DateTimeOffset(2027, 6, 30, 23, 30, 0, TimeSpan.Zero);
        Assert.Multiple(() =>
        {
            Assert.That(Uk.Date(at), Is.EqualTo("1 July 2027"));
            Assert.That(Uk.Day(at), Is.EqualTo(new DateOnly(2027, 7, 1)));
            Assert.That(Uk.DateAndTime(at), Is.EqualTo("1 July 2027 at 12:30am (UK time)"));
        });
    }

    [Test]
    public void A_form_date_at_a_uk_hour_is_stored_as_the_right_utc_instant()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Uk.At(new DateOnly(2027, 7, 12), new TimeOnly(17, 0)), Is.EqualTo(new DateTimeOffset(2027, 7, 12, 16, 0, 0, TimeSpan.Zero)), "BST");
            Assert.That(Uk.At(new DateOnly(2027, 1, 12), new TimeOnly(17, 0)), Is.EqualTo(new DateTimeOffset(2027, 1, 12, 17, 0, 0, TimeSpan.Zero)), "GMT");
            // 28 March 2027: clocks go forward at 01:00 GMT, so 01:30 does not exist; it is read as 01:30 GMT.
            Assert.That(Uk.At(new DateOnly(2027, 3, 28), new TimeOnly(1, 30)), Is.EqualTo(new DateTimeOffset(2027, 3, 28, 1, 30, 0, TimeSpan.Zero)));
        });
    }

    [Test]
    public void The_machines_zone_data_is_found_for_uk_time()
    {
        // The node runs on Linux with tzdata (ICU is not needed for IANA ids); .ci/run installs tzdata on a fresh machine.
        Assert.That(TimeZoneInfo.TryFindSystemTimeZoneById(DisplayTime.UkZoneId, out var zone), Is.True, "install the tzdata package");
        Assert.That(zone!.GetUtcOffset(new DateTimeOffset(2027, 7, 1, 12, 0, 0, TimeSpan.Zero)), Is.EqualTo(TimeSpan.FromHours(1)));
    }

    [Test]
    public void The_built_in_uk_rule_agrees_with_the_machines_zone_data_hour_by_hour()
    {
        // Without tzdata (a slim container) the built-in rule is used; it must give the same clock as tzdata around
        // every change of the clocks in 2026-2030.
        Assert.That(TimeZoneInfo.TryFindSystemTimeZoneById(DisplayTime.UkZoneId, out var system), Is.True);
        var mismatches = new List<string>();
        for (var at = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero); at.Year < 2031; at = at.AddMinutes(30))
        {
            var expected = TimeZoneInfo.ConvertTime(at, system!);
            var actual = TimeZoneInfo.ConvertTime(at, DisplayTime.UkRule);
            if (expected.DateTime != actual.DateTime) mismatches.Add($"{at:u}: {expected:HH:mm} vs {actual:HH:mm}");
        }

        Assert.That(mismatches, Is.Empty);
    }

    [Test]
    public void Another_zone_can_be_configured_and_a_wrong_one_is_named()
    {
        var auckland = new DisplayTime(new DisplayTimeOptions { TimeZone = "Pacific/Auckland", ZoneName = "New Zealand time" });
        Assert.Multiple(() =>
        {
            Assert.That(auckland.DateAndTime(new DateTimeOffset(2027, 1, 12, 0, 0, 0, TimeSpan.Zero)), Is.EqualTo("12 January 2027 at 1pm (New Zealand time)"));
            Assert.That(new DisplayTimeOptions { TimeZone = "Europe/Glasgow" }.Problems(),
                Is.EqualTo(new[] { "Display:TimeZone: 'Europe/Glasgow' is not a known time zone such as Europe/London" }));
            Assert.That(new DisplayTimeOptions().Problems(), Is.Empty);
        });
    }

    [Test]
    public void The_node_default_is_uk_time() =>
        Assert.That(DisplayTime.Current.DateAndTime(new DateTimeOffset(2027, 3, 12, 12, 0, 0, TimeSpan.Zero)), Is.EqualTo("12 March 2027 at midday (UK time)"));
}
