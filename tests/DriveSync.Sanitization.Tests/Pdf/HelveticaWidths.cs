namespace DriveSync.Sanitization.Tests.Pdf;

/// <summary>Helvetica's advance widths (AFM, 1/1000 em) for the printable ASCII codes 32–126.</summary>
internal static class HelveticaWidths
{
    public const int FirstChar = 32;

    public static readonly int[] Ascii =
    [
        278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278,
        556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556,
        1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778,
        667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556,
        333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556,
        556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584,
    ];

    /// <summary>The width of <paramref name="c"/> (printable ASCII; others count as a space).</summary>
    public static int Of(char c) => c is >= ' ' and <= '~' ? Ascii[c - FirstChar] : Ascii[0];

    /// <summary>The width of <paramref name="text"/> at <paramref name="size"/> points.</summary>
    public static double Measure(string text, double size) => text.Sum(Of) * size / 1000;
}
