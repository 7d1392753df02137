using TenderConsortium.Core.Common;

namespace TenderConsortium.Core.Intake;

/// <summary>
/// Collects everything wrong with an input before anything is stored, so that a person fixes a file once instead of
/// once per error. Warnings never stop an import (e.g. a buyer's CPV code missing from CPV 2008).
/// </summary>
public sealed class IntakeProblems(IntakeOptions options)
{
    private readonly List<string> _errors = [];
    private readonly List<string> _warnings = [];
    private List<string>? _noticeWarnings;

    public IntakeOptions Options { get; } = options;

    public IReadOnlyList<string> Errors => _errors;

    public IReadOnlyList<string> Warnings => _warnings;

    public bool HasErrors => _errors.Count > 0;

    public bool IsFull => _errors.Count >= Options.MaxProblems;

    public void Error(string where, string what)
    {
        if (_errors.Count < Options.MaxProblems) _errors.Add(Format(where, what));
    }

    public void Warn(string where, string what)
    {
        if (_warnings.Count < Options.MaxProblems) _warnings.Add(Format(where, what));
        if (_noticeWarnings is not null && _noticeWarnings.Count < Options.MaxProblems) _noticeWarnings.Add(Format(where, what));
    }

    /// <summary>
    /// Starts a list that receives every warning from now until the next call, so a notice keeps its own warnings
    /// (stored with it) even in a package whose file-wide list is full.
    /// </summary>
    public List<string> CollectNoticeWarnings() => _noticeWarnings = [];

    public void ThrowIfAny()
    {
        if (!HasErrors) return;
        var list = _errors.ToList();
        if (IsFull) list.Add($"stopped after {Options.MaxProblems} problems");
        throw new BadInputException(list);
    }

    private static string Format(string where, string what) => string.IsNullOrEmpty(where) ? what : $"{where}: {what}";
}
