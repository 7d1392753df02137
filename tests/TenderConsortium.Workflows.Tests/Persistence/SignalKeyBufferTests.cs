using System.Text.Json;
using TenderConsortium.Workflows.Persistence;

namespace TenderConsortium.Workflows.Tests.Persistence;

/// <summary>The keys carried in an instance row: each found exactly, whatever it holds, and handed over whole when the batch is full.</summary>
public sealed class SignalKeyBufferTests
{
    private static readonly string[] Awkward =
    [
        "a", "ab", ",", "a,", "\"", "\",\"", "[", "]", "", "\\", "withdrawal:7f3c:2", "Café – £5 <b>&</b>", "line\nbreak", "ab\"",
    ];

    [Test]
    public void Every_key_added_is_found_and_no_other()
    {
        string? buffer = null;
        var added = new List<string>();
        foreach (var key in Awkward.Take(SignalKeyBuffer.BatchSize - 1))
        {
            Assert.That(SignalKeyBuffer.Contains(buffer, key), Is.False, $"'{key}' before it was added");
            buffer = SignalKeyBuffer.Add(buffer, [key], out var flush);
            Assert.That(flush, Is.Empty);
            added.Add(key);
            Assert.That(added.All(k => SignalKeyBuffer.Contains(buffer, k)), $"after adding '{key}'");
        }

        Assert.That(JsonSerializer.Deserialize<List<string>>(buffer!), Is.EqualTo(added), "the row holds a JSON array of the keys, in order");
        foreach (var other in new[] { "b", "a,\"", "\",", "ab\"\"", " a", "A", "withdrawal:7f3c", "line" })
            Assert.That(SignalKeyBuffer.Contains(buffer, other), Is.False, $"'{other}' was never added");
    }

    [Test]
    public void The_batch_is_handed_over_whole_and_in_order_when_it_is_full()
    {
        string? buffer = null;
        var keys = Enumerable.Range(0, SignalKeyBuffer.BatchSize + 2).Select(n => $"k,\"{n}\"").ToList();
        IReadOnlyList<string> flush = [];
        var n = 0;
        for (; n < keys.Count && flush.Count == 0; n++) buffer = SignalKeyBuffer.Add(buffer, [keys[n]], out flush);

        Assert.That(n, Is.EqualTo(SignalKeyBuffer.BatchSize));
        Assert.That(buffer, Is.Null, "the row carries nothing once the batch is written");
        Assert.That(flush, Is.EqualTo(keys.Take(SignalKeyBuffer.BatchSize)));
        buffer = SignalKeyBuffer.Add(buffer, [keys[n], keys[n + 1]], out flush);
        Assert.That(flush, Is.Empty);
        Assert.That(keys.Skip(SignalKeyBuffer.BatchSize).All(k => SignalKeyBuffer.Contains(buffer, k)));
        Assert.That(SignalKeyBuffer.Contains(buffer, keys[0]), Is.False);
    }

    [Test]
    public void Nothing_added_leaves_the_row_as_it_was()
    {
        Assert.That(SignalKeyBuffer.Add(null, [], out var flush), Is.Null);
        Assert.That(flush, Is.Empty);
        Assert.That(SignalKeyBuffer.Contains(null, "a"), Is.False);
    }
}
