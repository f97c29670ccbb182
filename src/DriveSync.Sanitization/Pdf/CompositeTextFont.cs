using PdfSharp.Pdf;

namespace DriveSync.Sanitization.Pdf;

/// <summary>A Type0 font with the Identity-H CMap: two-byte codes (= CIDs), text from ToUnicode, widths from the descendant's /W and /DW.</summary>
internal sealed class CompositeTextFont : TextFont
{
    private readonly ToUnicodeMap toUnicode;
    private readonly Dictionary<int, double> widths;
    private readonly double defaultWidth;

    private CompositeTextFont(PdfDictionary? descriptor, ToUnicodeMap toUnicode, Dictionary<int, double> widths, double defaultWidth)
        : base(descriptor)
    {
        this.toUnicode = toUnicode;
        this.widths = widths;
        this.defaultWidth = defaultWidth;
    }

    public static CompositeTextFont Create(PdfDictionary font)
    {
        if (PdfObjects.GetName(font, "/Encoding") != "/Identity-H")
        {
            throw new PdfRedactionException("PDF font uses an unsupported CMap");
        }

        var descendants = PdfObjects.GetArray(font, "/DescendantFonts");
        if (descendants is null || descendants.Elements.Count != 1 || PdfObjects.Resolve(descendants.Elements[0]) is not PdfDictionary descendant)
        {
            throw new PdfRedactionException("PDF composite font is malformed");
        }

        var toUnicode = ReadToUnicode(font) ?? throw new PdfRedactionException(NoTextMapping);
        var defaultWidth = PdfObjects.GetNumber(descendant, "/DW") ?? 1000;
        return new CompositeTextFont(PdfObjects.GetDictionary(descendant, "/FontDescriptor"), toUnicode, ReadWidths(PdfObjects.GetArray(descendant, "/W")), defaultWidth);
    }

    public override void Decode(byte[] bytes, List<GlyphCode> glyphs)
    {
        if (bytes.Length % 2 != 0)
        {
            throw new PdfRedactionException("PDF content stream is malformed");
        }

        for (var i = 0; i < bytes.Length; i += 2)
        {
            var code = (bytes[i] << 8) | bytes[i + 1];
            var text = toUnicode.Lookup(code);
            if (string.IsNullOrEmpty(text))
            {
                throw new PdfRedactionException(NoTextMapping);
            }

            glyphs.Add(new GlyphCode(code, 2, text, widths.TryGetValue(code, out var width) ? width : defaultWidth, IsWordSpace: false));
        }
    }

    private static Dictionary<int, double> ReadWidths(PdfArray? array)
    {
        var widths = new Dictionary<int, double>();
        if (array is null)
        {
            return widths;
        }

        var items = array.Elements.Select(PdfObjects.Resolve).ToList();
        var i = 0;
        while (i < items.Count)
        {
            var first = (int)(PdfObjects.ToNumber(items[i]) ?? throw new PdfRedactionException("PDF composite font is malformed"));
            if (i + 1 < items.Count && items[i + 1] is PdfArray list)
            {
                for (var k = 0; k < list.Elements.Count; k++)
                {
                    widths[first + k] = PdfObjects.ToNumber(list.Elements[k]) ?? 0;
                }

                i += 2;
            }
            else if (i + 2 < items.Count)
            {
                var last = (int)(PdfObjects.ToNumber(items[i + 1]) ?? -1);
                var width = PdfObjects.ToNumber(items[i + 2]) ?? 0;
                if (last - first > 65536)
                {
                    throw new PdfRedactionException("PDF composite font is malformed");
                }

                for (var cid = first; cid <= last; cid++)
                {
                    widths[cid] = width;
                }

                i += 3;
            }
            else
            {
                throw new PdfRedactionException("PDF composite font is malformed");
            }
        }

        return widths;
    }
}
