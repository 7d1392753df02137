namespace TenderConsortium.Core.Delivery;

/// <summary>Money received against an invoice: the day it arrived, how much, the bank or remittance reference, and who recorded it.</summary>
public sealed record Payment(DateOnly PaidOn, decimal Amount, string Reference, DateTimeOffset RecordedAt, string RecordedBy);
