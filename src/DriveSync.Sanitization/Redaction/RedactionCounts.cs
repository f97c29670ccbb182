namespace DriveSync.Sanitization.Redaction;

/// <summary>Counts of redacted values per type name (never the values).</summary>
public sealed class RedactionCounts
{
    private readonly SortedDictionary<string, long> counts = new(StringComparer.Ordinal);

    /// <summary>Adds <paramref name="count"/> redactions of <paramref name="type"/>.</summary>
    public void Add(string type, long count = 1)
    {
        counts.TryGetValue(type, out var current);
        counts[type] = current + count;
    }

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
