using DriveSync.Sanitization.Detection;

namespace DriveSync.Sanitization.Pdf;

/// <summary>Decides which glyphs of a page go: runs the detector over the page's text views and maps the matches back to glyphs.</summary>
internal static class GlyphMatcher
{
    /// <summary>
    /// The glyphs to remove: matches in reading order (counted), then those that content order, lines joined to their continuation
    /// below, and lines joined in content order add (counted only when they touch no glyph an earlier match removed, so one value
    /// found in several arrangements counts once). The geometric continuation goes before the content-order join so that a value
    /// wrapped in a table cell is completed by the cell's next line, not by the next row's first cell that the producer wrote
    /// after it. Duplicated glyphs go with their original.
    /// </summary>
    public static bool[] FindRemovedGlyphs(PageLayout layout, Func<string, IReadOnlyList<PiiMatch>> findMatches, SortedDictionary<string, long> counts)
    {
        var removed = new bool[layout.Glyphs.Count];
        if (layout.Glyphs.Count == 0)
        {
            return removed;
        }

        var aliasOf = Enumerable.Range(0, layout.Glyphs.Count).ToArray();
        var readingOrder = PageText.ReadingOrder(layout.Glyphs, aliasOf);
        var primaryRemoved = new bool[layout.Glyphs.Count];
        MarkMatches(readingOrder, findMatches, primaryRemoved, counts, countAll: true);
        var contentOrder = PageText.ContentOrder(layout.Glyphs);
        if (!contentOrder.GlyphOfChar.SequenceEqual(readingOrder.GlyphOfChar) || contentOrder.Text != readingOrder.Text)
        {
            MarkMatches(contentOrder, findMatches, primaryRemoved, counts, countAll: false);
        }

        MarkMatches(PageText.Blocks(layout.Glyphs, aliasOf), findMatches, primaryRemoved, counts, countAll: false, acrossJoinsOnly: true);
        MarkMatches(PageText.ContentOrder(layout.Glyphs, joinLines: true), findMatches, primaryRemoved, counts, countAll: false, acrossJoinsOnly: true);
        for (var i = 0; i < removed.Length; i++)
        {
            removed[i] = primaryRemoved[aliasOf[i]] || primaryRemoved[i];
        }

        return removed;
    }

    private static void MarkMatches(PageText text, Func<string, IReadOnlyList<PiiMatch>> findMatches, bool[] removed, SortedDictionary<string, long> counts, bool countAll, bool acrossJoinsOnly = false)
    {
        if (acrossJoinsOnly && text.Joins.Count == 0)
        {
            return;
        }

        var whole = text.Text;
        foreach (var match in findMatches(whole))
        {
            if (acrossJoinsOnly && !JoinsTwoIncompleteParts(text, whole, match, findMatches, removed))
            {
                continue;
            }

            var added = false;
            var overlaps = false;
            for (var c = match.Start; c < match.End && c < text.GlyphOfChar.Count; c++)
            {
                var glyph = text.GlyphOfChar[c];
                if (glyph < 0)
                {
                    continue;
                }

                if (removed[glyph])
                {
                    overlaps = true;
                }
                else
                {
                    removed[glyph] = true;
                    added = true;
                }
            }

            if (countAll || (added && !overlaps))
            {
                counts[match.Type] = counts.GetValueOrDefault(match.Type) + 1;
            }
        }
    }

    /// <summary>Marked-content properties to drop: those whose section covers a removed glyph (its /ActualText would give the glyph back) and those whose texts hold PII themselves (counted).</summary>
    public static List<int> MarkedTextsToStrip(PageLayout layout, bool[] removed, Func<string, IReadOnlyList<PiiMatch>> findMatches, SortedDictionary<string, long> counts)
    {
        var stripped = new List<int>();
        foreach (var marked in layout.MarkedTexts)
        {
            if (Enumerable.Range(marked.FirstGlyph, marked.EndGlyph - marked.FirstGlyph).Any(g => removed[g]))
            {
                stripped.Add(marked.OperationIndex);
                continue;
            }

            var matches = marked.Texts.SelectMany(findMatches).ToList();
            foreach (var match in matches)
            {
                counts[match.Type] = counts.GetValueOrDefault(match.Type) + 1;
            }

            if (matches.Count > 0)
            {
                stripped.Add(marked.OperationIndex);
            }
        }

        return stripped;
    }

    /// <summary>
    /// True when <paramref name="match"/> spans a join and its part before the first join and its part after the last one each
    /// need the other line: neither is already removed as a whole nor holds a match of its own. A value completed by the next
    /// line passes; a complete value running into the next line's first word (an e-mail address followed by a full stop and
    /// "Daytime" on the line below) does not.
    /// </summary>
    private static bool JoinsTwoIncompleteParts(PageText text, string whole, PiiMatch match, Func<string, IReadOnlyList<PiiMatch>> findMatches, bool[] removed)
    {
        var end = Math.Min(match.End, text.GlyphOfChar.Count);
        var inside = text.Joins.Where(join => join > match.Start && join < end).ToList();
        return inside.Count > 0
            && IsIncomplete(text, whole, match.Start, inside[0], findMatches, removed)
            && IsIncomplete(text, whole, inside[^1], end, findMatches, removed);
    }

    private static bool IsIncomplete(PageText text, string whole, int start, int end, Func<string, IReadOnlyList<PiiMatch>> findMatches, bool[] removed) =>
        !AllRemoved(text, start, end, removed) && findMatches(whole[start..end]).Count == 0;

    private static bool AllRemoved(PageText text, int start, int end, bool[] removed)
    {
        for (var c = start; c < end; c++)
        {
            if (text.GlyphOfChar[c] >= 0 && !removed[text.GlyphOfChar[c]])
            {
                return false;
            }
        }

        return true;
    }
}
