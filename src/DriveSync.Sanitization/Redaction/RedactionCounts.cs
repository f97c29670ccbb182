using System.Runtime.InteropServices;

namespace DriveSync.Sanitization.Redaction;

/// <summary>Counts of redacted values per type name (never the values).</summary>
public sealed class RedactionCounts
{
    /// <summary>Unordered, so that a redaction costs one hash lookup (a dense text has one every ~90 bytes); sorted when read.</summary>
    private readonly Dictionary<string, long> counts = new(StringComparer.Ordinal);

    /// <summary>Adds <paramref name="count"/> redactions of <paramref name="type"/>.</summary>
    public void Add(string type, long count = 1) => CollectionsMarshal.GetValueRefOrAddDefault(counts, type, out _) += count;

    /// <summary>Adds every count of <paramref name="other"/>.</summary>
    public void Add(RedactionCounts other)
    {
        foreach (var (type, count) in other.counts)
        {
            Add(type, count);
        }
    }

    /// <summary>Total of all counts.</summary>
    public long Total => counts.Values.Sum();

    /// <summary>A snapshot, ordered by type name.</summary>
    public IReadOnlyDictionary<string, long> ToDictionary() => new SortedDictionary<string, long>(counts, StringComparer.Ordinal);
}
