namespace TenderConsortium.Persistence.Privacy;

/// <summary>
/// How long personal data that no bid needs any more is kept (configuration section <c>Retention</c>). After
/// <see cref="Months"/> months the node deletes outbox <c>.eml</c> files, and removes people's addresses and names from
/// unsuccessful bids (lost, or ended without being submitted): invitations, the emails sent, the journal and the
/// workflow data. Successful bids keep theirs: they are the contract's record.
/// </summary>
public sealed class RetentionOptions
{
    public const string Section = "Retention";

    /// <summary>0 (the default) keeps everything: a consortium decides its own period and says it in its privacy notice.</summary>
    public int Months { get; set; }

    /// <summary>How often a node with workers looks for data past the period.</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromHours(6);

    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (Months < 0 || Months > 1200) problems.Add($"Retention:Months: {Months} is not a number of months from 0 (keep everything) to 1200");
        if (SweepInterval < TimeSpan.FromMinutes(1)) problems.Add("Retention:SweepInterval: at least a minute, e.g. 06:00:00 for every six hours");
        return problems;
    }
}
