namespace DriveSync.Sanitization.Detection;

/// <summary>Collects the matches of one scan: those starting before <c>minStart</c> (context only) are dropped.</summary>
internal sealed class MatchSink(List<PiiMatch> results, int minStart)
{
    private readonly int baseCount = results.Count;

    /// <summary>Adds a match unless it starts in the context region.</summary>
    public void Add(int start, int end, string type)
    {
        if (start >= minStart)
        {
            results.Add(new PiiMatch(start, end - start, type));
        }
    }

    /// <summary>True when no match of this scan ends after <paramref name="position"/> (a match added there keeps the order).</summary>
    public bool EndsBefore(int position) => results.Count == baseCount || results[^1].End <= position;

    /// <summary>Removes this scan's matches that end after <paramref name="start"/> (a longer match found later wins, e.g. an e-mail over digits in its local part).</summary>
    public void DropEndingAfter(int start)
    {
        while (results.Count > baseCount && results[^1].End > start)
        {
            results.RemoveAt(results.Count - 1);
        }
    }
}
