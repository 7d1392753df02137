namespace TenderConsortium.Core.Opportunities;

/// <summary>A fact inferred from a notice, with the words (or field) it was read from so a person can check it.</summary>
/// <param name="Evidence">The sentence or field that decided it; null when nothing in the notice speaks to it.</param>
public sealed record NoticeSignal(bool Value, string? Evidence);
