namespace DriveSync.Sanitization.Pdf;

/// <summary>An axis-aligned rectangle in user space.</summary>
internal readonly record struct Box(double MinX, double MinY, double MaxX, double MaxY)
{
    public Box Union(Box other) => new(Math.Min(MinX, other.MinX), Math.Min(MinY, other.MinY), Math.Max(MaxX, other.MaxX), Math.Max(MaxY, other.MaxY));
}

/// <summary>
/// One glyph as placed on the page: its text; its origin (X) and end (EndX) along its baseline and its baseline's offset (Y),
/// in a frame turned to its <paramref name="Orientation"/> (degrees; 0 for upright text, where X and Y are user space);
/// its height in user space; and its box in user space.
/// </summary>
internal sealed record PlacedGlyph(string Text, double X, double Y, double EndX, double Size, Box Box, int Orientation);

/// <summary>One element of a text-showing operation: a shown glyph (index into <see cref="PageLayout.Glyphs"/>) or a TJ adjustment.</summary>
internal readonly record struct ShowElement(GlyphCode Glyph, int GlyphIndex, double Adjustment)
{
    public bool IsGlyph => GlyphIndex >= 0;
}

/// <summary>A text-showing operation (Tj, TJ, ' or ") with the state needed to rewrite it.</summary>
internal sealed record TextShow(int OperationIndex, double FontSize, double CharSpacing, double WordSpacing, IReadOnlyList<ShowElement> Elements);

/// <summary>What the interpreter learned about one page: placed glyphs in content order, the text-showing operations, and whether images are drawn.</summary>
internal sealed class PageLayout
{
    public List<PlacedGlyph> Glyphs { get; } = [];

    public List<TextShow> Shows { get; } = [];

    public bool HasImages { get; set; }

    public bool HasInvisibleText { get; set; }

    /// <summary>BDC/DP operations whose inline properties carry text (/ActualText, /Alt, /E), with the glyphs they cover.</summary>
    public List<MarkedText> MarkedTexts { get; } = [];
}

/// <summary>A marked-content operation whose inline properties carry text: the texts, and the glyphs [FirstGlyph, EndGlyph) its section covers.</summary>
internal sealed class MarkedText(int operationIndex, IReadOnlyList<string> texts, int firstGlyph)
{
    public int OperationIndex { get; } = operationIndex;

    public IReadOnlyList<string> Texts { get; } = texts;

    public int FirstGlyph { get; } = firstGlyph;

    public int EndGlyph { get; set; } = firstGlyph;
}
