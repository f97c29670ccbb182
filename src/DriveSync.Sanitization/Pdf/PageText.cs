using System.Text;

namespace DriveSync.Sanitization.Pdf;

/// <summary>A page's text in one order, with the glyph behind every character (-1 for inserted separators).</summary>
internal sealed class PageText
{
    private const double SpaceGap = 0.15;
    private const double ColumnGap = 2.5;
    private const double SameLine = 0.5;
    private const double Duplicate = 0.1;

    private readonly StringBuilder text = new();
    private readonly List<int> glyphOfChar = [];
    private readonly List<int> joins = [];

    private PageText()
    {
    }

    public string Text => text.ToString();

    /// <summary>The glyph index behind each character of <see cref="Text"/>, or -1.</summary>
    public IReadOnlyList<int> GlyphOfChar => glyphOfChar;

    /// <summary>Positions in <see cref="Text"/> where two lines were joined without a break.</summary>
    public IReadOnlyList<int> Joins => joins;

    /// <summary>Reading order: for each text orientation, lines from top to bottom, glyphs left to right along their baseline; wide gaps (columns, table cells) break the line. A glyph drawn again on top of an equal one (fake bold) maps to the first through <paramref name="aliasOf"/>.</summary>
    public static PageText ReadingOrder(IReadOnlyList<PlacedGlyph> glyphs, int[] aliasOf)
    {
        var page = new PageText();
        foreach (var run in Runs(glyphs, aliasOf))
        {
            if (page.text.Length > 0)
            {
                page.AppendSeparator('\n');
            }

            page.AppendRun(glyphs, run);
        }

        return page;
    }

    /// <summary>
    /// Blocks: each piece of a line (between column gaps) continued by the piece just below it that starts at the same place
    /// (the next line of a paragraph or of a table cell), joined without a break; the join positions are kept in <see cref="Joins"/>.
    /// Call after <see cref="ReadingOrder"/>, whose duplicates it reuses through <paramref name="aliasOf"/>.
    /// </summary>
    public static PageText Blocks(IReadOnlyList<PlacedGlyph> glyphs, int[] aliasOf)
    {
        var runs = Runs(glyphs, aliasOf);
        var next = new int[runs.Count];
        var hasPrevious = new bool[runs.Count];
        Array.Fill(next, -1);
        for (var r = 0; r < runs.Count; r++)
        {
            for (var s = r + 1; s < runs.Count; s++)
            {
                var drop = runs[r].Y - runs[s].Y;
                if (!hasPrevious[s] && runs[s].Orientation == runs[r].Orientation && drop > SameLine * runs[r].Size && drop <= 2 * runs[r].Size
                    && Math.Abs(runs[s].X - runs[r].X) <= runs[r].Size)
                {
                    next[r] = s;
                    hasPrevious[s] = true;
                    break;
                }
            }
        }

        var page = new PageText();
        for (var r = 0; r < runs.Count; r++)
        {
            if (hasPrevious[r])
            {
                continue;
            }

            if (page.text.Length > 0)
            {
                page.AppendSeparator('\n');
            }

            page.AppendRun(glyphs, runs[r]);
            for (var s = next[r]; s >= 0; s = next[s])
            {
                page.joins.Add(page.text.Length);
                page.AppendRun(glyphs, runs[s]);
            }
        }

        return page;
    }

    /// <summary>The pieces of the page's lines between wide gaps, in reading order (orientation, then top to bottom, then left to right); duplicates are left out and aliased.</summary>
    private static List<Run> Runs(IReadOnlyList<PlacedGlyph> glyphs, int[] aliasOf)
    {
        var runs = new List<Run>();
        foreach (var orientation in glyphs.Select(g => g.Orientation).Distinct().ToList())
        {
            var order = Enumerable.Range(0, glyphs.Count).Where(i => glyphs[i].Orientation == orientation).OrderByDescending(i => glyphs[i].Y).ThenBy(i => i).ToList();
            var lineStart = 0;
            while (lineStart < order.Count)
            {
                var first = glyphs[order[lineStart]];
                var lineEnd = lineStart + 1;
                while (lineEnd < order.Count && first.Y - glyphs[order[lineEnd]].Y <= SameLine * Math.Max(first.Size, glyphs[order[lineEnd]].Size))
                {
                    lineEnd++;
                }

                Run? run = null;
                var previous = -1;
                foreach (var index in order.GetRange(lineStart, lineEnd - lineStart).OrderBy(i => glyphs[i].X).ThenBy(i => i))
                {
                    var glyph = glyphs[index];
                    if (previous >= 0)
                    {
                        var before = glyphs[previous];
                        var size = Math.Max(Math.Max(before.Size, glyph.Size), 0.001);
                        if (glyph.Text == before.Text && Math.Abs(glyph.X - before.X) < Duplicate * size && Math.Abs(glyph.Y - before.Y) < Duplicate * size)
                        {
                            aliasOf[index] = aliasOf[previous];
                            continue;
                        }

                        if (glyph.X - before.EndX > ColumnGap * size)
                        {
                            run = null;
                        }
                    }

                    if (run is null)
                    {
                        run = new Run([], glyph.X, glyph.Y, Math.Max(glyph.Size, 0.001), orientation);
                        runs.Add(run);
                    }

                    run.Glyphs.Add(index);
                    previous = index;
                }

                lineStart = lineEnd;
            }
        }

        return runs;
    }

    private void AppendRun(IReadOnlyList<PlacedGlyph> glyphs, Run run)
    {
        for (var i = 0; i < run.Glyphs.Count; i++)
        {
            var glyph = glyphs[run.Glyphs[i]];
            if (i > 0)
            {
                var before = glyphs[run.Glyphs[i - 1]];
                AppendGap(glyph.X - before.EndX, Math.Max(Math.Max(before.Size, glyph.Size), 0.001), before, glyph);
            }

            AppendGlyph(glyph, run.Glyphs[i]);
        }
    }

    /// <summary>
    /// Content-stream order, with a line break wherever the next glyph is not on the same line just after the previous one;
    /// with <paramref name="joinLines"/> those lines are joined without a break instead (a value wrapped over two lines
    /// that the producer wrote one after the other) and the join positions are kept in <see cref="Joins"/>.
    /// </summary>
    public static PageText ContentOrder(IReadOnlyList<PlacedGlyph> glyphs, bool joinLines = false)
    {
        var page = new PageText();
        for (var index = 0; index < glyphs.Count; index++)
        {
            var glyph = glyphs[index];
            if (index > 0)
            {
                var before = glyphs[index - 1];
                var size = Math.Max(Math.Max(before.Size, glyph.Size), 0.001);
                var gap = glyph.X - before.EndX;
                if (glyph.Orientation != before.Orientation || Math.Abs(glyph.Y - before.Y) > SameLine * size || gap < -SameLine * size)
                {
                    if (joinLines)
                    {
                        page.joins.Add(page.text.Length);
                    }
                    else
                    {
                        page.AppendSeparator('\n');
                    }
                }
                else
                {
                    page.AppendGap(gap, size, before, glyph);
                }
            }

            page.AppendGlyph(glyph, index);
        }

        return page;
    }

    private void AppendGap(double gap, double size, PlacedGlyph before, PlacedGlyph glyph)
    {
        if (gap > ColumnGap * size)
        {
            AppendSeparator('\n');
        }
        else if (gap > SpaceGap * size && !string.IsNullOrWhiteSpace(before.Text) && !string.IsNullOrWhiteSpace(glyph.Text))
        {
            AppendSeparator(' ');
        }
    }

    private void AppendSeparator(char separator)
    {
        text.Append(separator);
        glyphOfChar.Add(-1);
    }

    private void AppendGlyph(PlacedGlyph glyph, int index)
    {
        text.Append(glyph.Text);
        for (var i = 0; i < glyph.Text.Length; i++)
        {
            glyphOfChar.Add(index);
        }
    }

    /// <summary>A piece of one line between wide gaps: its glyphs left to right, where it starts, its baseline, height and orientation.</summary>
    private sealed record Run(List<int> Glyphs, double X, double Y, double Size, int Orientation);
}
