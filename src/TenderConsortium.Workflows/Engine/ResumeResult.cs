namespace TenderConsortium.Workflows;

public enum ResumeStatus
{
    /// <summary>The bookmark was consumed and the instance ran on, all in one committed transaction.</summary>
    Applied,

    /// <summary>The same idempotency key was already accepted; nothing was done again.</summary>
    Duplicate,

    /// <summary>No such bookmark yet: the signal is kept and applied when the bookmark appears.</summary>
    NotYetWaiting,

    /// <summary>No running instance, or no activity of its definition waits on that bookmark.</summary>
    Unknown,

    /// <summary>The payload does not fit the fields the bookmark declares.</summary>
    Invalid,

    /// <summary>Asked with <see cref="ResumeOptions.OnlyIfWaiting"/>, and the instance does not wait on that bookmark now: nothing was kept.</summary>
    NotWaiting,
}

public sealed record ResumeResult(ResumeStatus Status, string Message, IReadOnlyList<string> Problems)
{
    public static ResumeResult Of(ResumeStatus status, string message) => new(status, message, []);
}
