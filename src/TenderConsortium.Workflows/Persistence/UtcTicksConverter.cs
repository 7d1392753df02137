using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace TenderConsortium.Workflows.Persistence;

/// <summary>
/// Stores instants as UTC ticks in a bigint column: ordered and comparable in SQL on SQLite and PostgreSQL alike,
/// with no precision lost (a timer must never fire even a fraction of a millisecond early).
/// </summary>
public sealed class UtcTicksConverter() : ValueConverter<DateTimeOffset, long>(
    v => v.UtcTicks,
    v => new DateTimeOffset(v, TimeSpan.Zero));
