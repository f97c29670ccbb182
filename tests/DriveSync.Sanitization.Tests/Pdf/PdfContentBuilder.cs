using System.Globalization;
using System.Text;

namespace DriveSync.Sanitization.Tests.Pdf;

/// <summary>Writes page content streams for fixtures: lines of text, one glyph per Tj, kerned TJ arrays, images.</summary>
internal sealed class PdfContentBuilder
{
    private readonly StringBuilder content = new();

    /// <summary>A line of text at (<paramref name="x"/>, <paramref name="y"/>) shown with one Tj.</summary>
    public PdfContentBuilder Text(string font, double size, double x, double y, string text, Func<string, string>? encode = null) =>
        Raw($"BT /{font} {N(size)} Tf {N(x)} {N(y)} Td {(encode ?? TextEncoders.Literal)(text)} Tj ET");

    /// <summary>A line of text shown one glyph per Tj, each placed with its own text matrix.</summary>
    public PdfContentBuilder GlyphPerTj(string font, double size, double x, double y, string text)
    {
        content.Append(CultureInfo.InvariantCulture, $"BT /{font} {N(size)} Tf\n");
        foreach (var c in text)
        {
            content.Append(CultureInfo.InvariantCulture, $"1 0 0 1 {N(x)} {N(y)} Tm {TextEncoders.Literal(c.ToString())} Tj\n");
            x += HelveticaWidths.Of(c) * size / 1000;
        }

        content.Append("ET\n");
        return this;
    }

    /// <summary>A line shown with a TJ array that kerns between the given parts (-20/1000 em each).</summary>
    public PdfContentBuilder Kerned(string font, double size, double x, double y, Func<string, string>? encode, params string[] parts) =>
        Raw($"BT /{font} {N(size)} Tf {N(x)} {N(y)} Td [{string.Join(" -20 ", parts.Select(encode ?? TextEncoders.Literal))}] TJ ET");

    /// <summary>A filled rectangle (table rules).</summary>
    public PdfContentBuilder Rule(double x, double y, double width, double height) => Raw($"q 0.5 g {N(x)} {N(y)} {N(width)} {N(height)} re f Q");

    /// <summary>An image XObject drawn at the given place and size.</summary>
    public PdfContentBuilder Image(string name, double x, double y, double width, double height) =>
        Raw($"q {N(width)} 0 0 {N(height)} {N(x)} {N(y)} cm /{name} Do Q");

    public PdfContentBuilder Raw(string operators)
    {
        content.Append(operators).Append('\n');
        return this;
    }

    public override string ToString() => content.ToString();

    private static string N(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);
}
