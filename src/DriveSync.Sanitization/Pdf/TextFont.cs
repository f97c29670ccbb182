using PdfSharp.Pdf;

namespace DriveSync.Sanitization.Pdf;

/// <summary>One shown character code: its value and byte length, its Unicode text, its width in glyph space (1/1000 of the font size), and whether word spacing applies to it.</summary>
internal readonly record struct GlyphCode(int Code, int ByteLength, string Text, double Width, bool IsWordSpace);

/// <summary>A font as far as text extraction and redaction need it: codes → text and widths.</summary>
internal abstract class TextFont
{
    public const string NoTextMapping = "PDF font without a usable text mapping";

    protected TextFont(PdfDictionary? descriptor)
    {
        var ascent = descriptor is null ? null : PdfObjects.GetNumber(descriptor, "/Ascent");
        var descent = descriptor is null ? null : PdfObjects.GetNumber(descriptor, "/Descent");
        Ascent = Math.Clamp((ascent ?? 800) / 1000, 0.5, 1.2);
        Descent = Math.Clamp((descent ?? -200) / 1000, -0.5, 0);
    }

    /// <summary>The top of the glyph box above the baseline, in text space units.</summary>
    public double Ascent { get; }

    /// <summary>The bottom of the glyph box (negative, below the baseline), in text space units.</summary>
    public double Descent { get; }

    /// <summary>Appends the codes of a shown string to <paramref name="glyphs"/>; throws a <see cref="PdfRedactionException"/> for a code without text.</summary>
    public abstract void Decode(byte[] bytes, List<GlyphCode> glyphs);

    /// <summary>Appends the bytes of <paramref name="glyph"/>'s code to <paramref name="bytes"/>.</summary>
    public static void Encode(GlyphCode glyph, List<byte> bytes)
    {
        for (var shift = (glyph.ByteLength - 1) * 8; shift >= 0; shift -= 8)
        {
            bytes.Add((byte)(glyph.Code >> shift));
        }
    }

    /// <summary>Reads a font dictionary; throws a <see cref="PdfRedactionException"/> for fonts whose text cannot be mapped.</summary>
    public static TextFont FromDictionary(PdfDictionary font) => PdfObjects.GetName(font, "/Subtype") switch
    {
        "/Type1" or "/MMType1" or "/TrueType" => SimpleTextFont.Create(font),
        "/Type0" => CompositeTextFont.Create(font),
        "/Type3" => throw new PdfRedactionException("PDF uses a Type3 font (not supported)"),
        _ => throw new PdfRedactionException("PDF font type is not supported"),
    };

    protected static ToUnicodeMap? ReadToUnicode(PdfDictionary font) =>
        PdfObjects.Get(font, "/ToUnicode") is PdfDictionary { Stream: not null } stream
            ? ToUnicodeMap.Parse(PdfObjects.DecodedStream(stream))
            : null;
}
