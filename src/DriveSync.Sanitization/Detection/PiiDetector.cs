using System.Text.RegularExpressions;
using DriveSync.Sanitization.Tables;

namespace DriveSync.Sanitization.Detection;

/// <summary>Finds PII in text: the built-in validated detectors plus the configured custom patterns. Thread-safe.</summary>
public sealed class PiiDetector
{
    /// <summary>Custom pattern matches longer than this are ignored (they must fit in the streaming overlap).</summary>
    public const int MaxCustomMatchLength = 200;

    private readonly CustomPattern[] custom;
    private readonly IReadOnlyDictionary<string, string> extraColumns;

    /// <summary>Creates a detector with the custom patterns of <paramref name="options"/> (built-in detectors only when null).</summary>
    public PiiDetector(SanitizerOptions? options = null)
    {
        custom = [.. (options?.CustomPatterns ?? []).Select(p => new CustomPattern(
            p.Name.ToUpperInvariant(),
            new Regex(p.Pattern, RegexOptions.CultureInvariant | RegexOptions.Compiled, TimeSpan.FromMilliseconds(100)),
            [.. p.ContextWords.Select(w => w.ToLowerInvariant())]))];
        extraColumns = options?.PiiColumns ?? new Dictionary<string, string>();
    }

    /// <summary>The matches in <paramref name="text"/>, ordered by start and non-overlapping.</summary>
    public IReadOnlyList<PiiMatch> FindMatches(string text)
    {
        var results = new List<PiiMatch>();
        FindMatches(text.AsSpan(), 0, results);
        return results;
    }

    /// <summary>Appends the matches in <paramref name="text"/> to <paramref name="results"/>, ordered by start and non-overlapping.</summary>
    public void FindMatches(ReadOnlySpan<char> text, List<PiiMatch> results) => FindMatches(text, 0, results);

    /// <summary>Appends the matches that start at or after <paramref name="minStart"/>; the text before it is context only.</summary>
    internal void FindMatches(ReadOnlySpan<char> text, int minStart, List<PiiMatch> results)
    {
        var baseCount = results.Count;
        BuiltInScanner.Scan(text, minStart, results);
        var builtIn = results.Count;
        MarkdownTables.Scan(text, minStart, extraColumns, results);
        HtmlTables.Scan(text, minStart, extraColumns, results);
        var added = results.Count > builtIn;
        foreach (var pattern in custom)
        {
            foreach (var match in pattern.Regex.EnumerateMatches(text))
            {
                if (match.Index < minStart || match.Length == 0 || match.Length > MaxCustomMatchLength
                    || (pattern.ContextWords.Length > 0 && !ContextWords.AnyBefore(text, match.Index, pattern.ContextWords)))
                {
                    continue;
                }

                results.Add(new PiiMatch(match.Index, match.Length, pattern.Name));
                added = true;
            }
        }

        if (added)
        {
            RemoveOverlaps(results, baseCount);
        }
    }

    private static void RemoveOverlaps(List<PiiMatch> results, int from)
    {
        var span = results.GetRange(from, results.Count - from);
        span.Sort((x, y) => x.Start != y.Start ? x.Start.CompareTo(y.Start) : y.Length.CompareTo(x.Length));
        results.RemoveRange(from, results.Count - from);
        var lastEnd = -1;
        foreach (var match in span)
        {
            if (match.Start >= lastEnd)
            {
                results.Add(match);
                lastEnd = match.End;
            }
        }
    }

    private sealed record CustomPattern(string Name, Regex Regex, string[] ContextWords);
}
