using System.Numerics;

namespace TenderConsortium.Core.Matching;

/// <summary>
/// A set of member ordinals as bits: unions and intersections of postings over a million members cost a few
/// thousand word operations, and iteration comes out in ordinal order, which is the matcher's tie-break.
/// </summary>
public sealed class OrdinalSet
{
    private readonly ulong[] _words;

    public OrdinalSet(int capacity) => _words = new ulong[(capacity + 63) >> 6];

    public void Add(int ordinal) => _words[ordinal >> 6] |= 1UL << ordinal;

    public bool Contains(int ordinal) => (_words[ordinal >> 6] & (1UL << ordinal)) != 0;

    public void AddAll(int[] postings)
    {
        foreach (var ordinal in postings) _words[ordinal >> 6] |= 1UL << ordinal;
    }

    public void UnionWith(OrdinalSet other)
    {
        for (var i = 0; i < _words.Length; i++) _words[i] |= other._words[i];
    }

    public void ExceptWith(OrdinalSet other)
    {
        for (var i = 0; i < _words.Length; i++) _words[i] &= ~other._words[i];
    }

    public void IntersectWith(OrdinalSet other)
    {
        for (var i = 0; i < _words.Length; i++) _words[i] &= other._words[i];
    }

    public static OrdinalSet Copy(OrdinalSet other)
    {
        var set = new OrdinalSet(other._words.Length << 6);
        other._words.CopyTo(set._words, 0);
        return set;
    }

    public static OrdinalSet Of(int capacity, int[] postings)
    {
        var set = new OrdinalSet(capacity);
        set.AddAll(postings);
        return set;
    }

    /// <summary>Ordinals in ascending order.</summary>
    public IEnumerable<int> Ordinals()
    {
        for (var i = 0; i < _words.Length; i++)
        {
            var word = _words[i];
            while (word != 0)
            {
                var bit = BitOperations.TrailingZeroCount(word);
                yield return (i << 6) + bit;
                word &= word - 1;
            }
        }
    }
}
