using PdfSharp.Pdf;

namespace DriveSync.Sanitization.Pdf;

/// <summary>A single-byte font (Type1, TrueType): ToUnicode first, then the encoding (standard encodings, an embedded Type1 program's built-in encoding, plus Differences) through glyph names.</summary>
internal sealed class SimpleTextFont : TextFont
{
    private const string NoWidths = "PDF font has no glyph widths";

    private readonly string?[] texts;
    private readonly double[] widths;

    private SimpleTextFont(PdfDictionary? descriptor, string?[] texts, double[] widths)
        : base(descriptor)
    {
        this.texts = texts;
        this.widths = widths;
    }

    public static SimpleTextFont Create(PdfDictionary font)
    {
        var descriptor = PdfObjects.GetDictionary(font, "/FontDescriptor");
        var encoding = ReadEncoding(font, descriptor);
        var toUnicode = ReadToUnicode(font);
        var texts = new string?[256];
        for (var code = 0; code < 256; code++)
        {
            var text = toUnicode?.Lookup(code) ?? encoding[code];
            texts[code] = string.IsNullOrEmpty(text) ? null : text;
        }

        return new SimpleTextFont(descriptor, texts, ReadWidths(font, descriptor, texts));
    }

    public override void Decode(byte[] bytes, List<GlyphCode> glyphs)
    {
        foreach (var b in bytes)
        {
            var text = texts[b] ?? throw new PdfRedactionException(NoTextMapping);
            var width = double.IsNaN(widths[b]) ? throw new PdfRedactionException(NoWidths) : widths[b];
            glyphs.Add(new GlyphCode(b, 1, text, width, b == 32));
        }
    }

    /// <summary>The widths by code from /Widths, or for a standard font without them from its built-in metrics (NaN where unknown).</summary>
    private static double[] ReadWidths(PdfDictionary font, PdfDictionary? descriptor, string?[] texts)
    {
        var array = PdfObjects.GetArray(font, "/Widths");
        if (array is null)
        {
            var metrics = StandardFontMetrics.For(PdfObjects.GetName(font, "/BaseFont")) ?? throw new PdfRedactionException(NoWidths);
            return texts.Select(text => (text is null ? null : metrics(text)) ?? double.NaN).ToArray();
        }

        var firstChar = (int)(PdfObjects.GetNumber(font, "/FirstChar") ?? 0);
        var missing = descriptor is null ? 0 : PdfObjects.GetNumber(descriptor, "/MissingWidth") ?? 0;
        var widths = new double[256];
        Array.Fill(widths, missing);
        for (var i = 0; i < array.Elements.Count; i++)
        {
            var code = firstChar + i;
            if (code is >= 0 and < 256)
            {
                widths[code] = PdfObjects.ToNumber(array.Elements[i]) ?? missing;
            }
        }

        return widths;
    }

    private static string?[] ReadEncoding(PdfDictionary font, PdfDictionary? descriptor)
    {
        var flags = descriptor is null ? 0 : (int)(PdfObjects.GetNumber(descriptor, "/Flags") ?? 0);
        var symbolic = (flags & 4) != 0;
        var builtIn = descriptor is not null && PdfObjects.Get(descriptor, "/FontFile") is PdfDictionary { Stream: not null } program
            ? Type1BuiltInEncoding.Read(PdfObjects.DecodedStream(program))
            : null;
        var implicitBase = builtIn ?? (symbolic ? new string?[256] : PdfEncodings.Standard);
        switch (PdfObjects.Get(font, "/Encoding"))
        {
            case PdfName name:
                return PdfEncodings.ByName(name.Value) ?? throw new PdfRedactionException("PDF font uses an unsupported encoding");
            case PdfDictionary dictionary:
                var baseName = PdfObjects.GetName(dictionary, "/BaseEncoding");
                var table = (string?[])((baseName is null ? implicitBase : PdfEncodings.ByName(baseName)) ?? throw new PdfRedactionException("PDF font uses an unsupported encoding")).Clone();
                ApplyDifferences(PdfObjects.GetArray(dictionary, "/Differences"), table);
                return table;
            default:
                return implicitBase;
        }
    }

    private static void ApplyDifferences(PdfArray? differences, string?[] table)
    {
        if (differences is null)
        {
            return;
        }

        var code = -1;
        foreach (var item in differences.Elements)
        {
            var resolved = PdfObjects.Resolve(item);
            if (PdfObjects.ToNumber(resolved) is { } number)
            {
                code = (int)number;
            }
            else if (resolved is PdfName name && code is >= 0 and < 256)
            {
                table[code++] = PdfEncodings.GlyphNameToUnicode(name.Value[1..]);
            }
        }
    }
}
