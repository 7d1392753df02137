namespace TenderConsortium.Cli.Demo;

/// <summary>
/// The demo's clock: the real time until the delivery part moves it on to the days a contract's invoices fall due,
/// so two delivery periods, their reminders and a late payment play out in seconds. Timers and due dates read it
/// like any node reads its TimeProvider.
/// </summary>
public sealed class DemoClock : TimeProvider
{
    private long _offsetTicks;

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow().AddTicks(Interlocked.Read(ref _offsetTicks));

    /// <summary>Moves the clock to <paramref name="at"/> if it is later than now; never back, so a due timer stays due.</summary>
    public void MoveTo(DateTimeOffset at)
    {
        var ahead = at - GetUtcNow();
        if (ahead > TimeSpan.Zero) Interlocked.Add(ref _offsetTicks, ahead.Ticks);
    }
}
