namespace TenderConsortium.Workflows.Engine;

/// <summary>What a call on an instance does after acting on it.</summary>
internal enum CallThen
{
    /// <summary>Nothing to write (a duplicate, a refusal): the call's transaction is rolled back.</summary>
    Discard,

    /// <summary>Write what the call changed without running anything (a signal kept for later).</summary>
    Persist,

    /// <summary>Run the burst from here, then write it.</summary>
    RunAndPersist,
}

/// <summary>A call's answer to its caller and what the instance scope does next.</summary>
internal readonly record struct CallStep<T>(T Value, CallThen Then)
{
    public static CallStep<T> Discard(T value) => new(value, CallThen.Discard);
    public static CallStep<T> Persist(T value) => new(value, CallThen.Persist);
    public static CallStep<T> Run(T value) => new(value, CallThen.RunAndPersist);
}
