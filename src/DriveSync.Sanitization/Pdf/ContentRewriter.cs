using System.Globalization;
using System.Text;

namespace DriveSync.Sanitization.Pdf;

/// <summary>Rewrites a page's content: removed glyphs leave their text operands (replaced by a TJ offset of the same advance, so the rest keeps its place), a filled black box covers where they stood, and the marked-content properties given are dropped.</summary>
internal static class ContentRewriter
{
    public static byte[] Rewrite(byte[] content, IReadOnlyList<ContentOperation> operations, PageLayout layout, bool[] removed, IReadOnlyCollection<int> strippedProperties)
    {
        var output = new MemoryStream(content.Length + 256);
        Write(output, "q\n");
        var boxes = new List<Box>();
        var replacements = new SortedDictionary<int, string>();
        foreach (var show in layout.Shows)
        {
            if (show.Elements.Any(e => e.IsGlyph && removed[e.GlyphIndex]))
            {
                replacements[show.OperationIndex] = RewriteShow(operations[show.OperationIndex], show, removed, layout.Glyphs, boxes);
            }
        }

        foreach (var index in strippedProperties)
        {
            var operation = operations[index];
            replacements[index] = $"/{operation.Operands[0].Text} {(operation.Operator == "BDC" ? "BMC" : "MP")}";
        }

        var position = 0;
        foreach (var (index, replacement) in replacements)
        {
            var operation = operations[index];
            output.Write(content, position, operation.Start - position);
            Write(output, "\n" + replacement + "\n");
            position = operation.End;
        }

        output.Write(content, position, content.Length - position);
        Write(output, "\nQ\n");
        if (boxes.Count > 0)
        {
            Write(output, "q 0 g\n");
            foreach (var box in boxes)
            {
                Write(output, string.Create(CultureInfo.InvariantCulture, $"{Format(box.MinX)} {Format(box.MinY)} {Format(box.MaxX - box.MinX)} {Format(box.MaxY - box.MinY)} re\n"));
            }

            Write(output, "f\nQ\n");
        }

        return output.ToArray();
    }

    private static string RewriteShow(ContentOperation operation, TextShow show, bool[] removed, IReadOnlyList<PlacedGlyph> glyphs, List<Box> boxes)
    {
        if (show.FontSize == 0)
        {
            throw new PdfRedactionException("PDF text with zero font size cannot be redacted");
        }

        var items = new List<string>();
        var run = new List<byte>();
        double? pending = null;
        Box? box = null;
        foreach (var element in show.Elements)
        {
            if (!element.IsGlyph)
            {
                pending = (pending ?? 0) + element.Adjustment;
                continue;
            }

            if (removed[element.GlyphIndex])
            {
                var glyph = element.Glyph;
                var spacing = show.CharSpacing + (glyph.IsWordSpace ? show.WordSpacing : 0);
                pending = (pending ?? 0) - (glyph.Width + (spacing * 1000 / show.FontSize));
                var glyphBox = glyphs[element.GlyphIndex].Box;
                box = box is { } open ? open.Union(glyphBox) : glyphBox;
                continue;
            }

            Flush(boxes, ref box);
            if (pending is { } adjustment)
            {
                Flush(items, run);
                items.Add(Format(adjustment));
                pending = null;
            }

            TextFont.Encode(element.Glyph, run);
        }

        Flush(boxes, ref box);
        Flush(items, run);
        if (pending is { } last)
        {
            items.Add(Format(last));
        }

        var array = "[" + string.Join(' ', items) + "] TJ";
        return operation.Operator switch
        {
            "'" => "T*\n" + array,
            "\"" => $"{operation.Operands[0].Text} Tw {operation.Operands[1].Text} Tc T*\n{array}",
            _ => array,
        };
    }

    private static void Flush(List<Box> boxes, ref Box? box)
    {
        if (box is { } open)
        {
            boxes.Add(open);
            box = null;
        }
    }

    private static void Flush(List<string> items, List<byte> run)
    {
        if (run.Count > 0)
        {
            items.Add("<" + Convert.ToHexString(run.ToArray()) + ">");
            run.Clear();
        }
    }

    private static string Format(double value) =>
        Math.Abs(value) < 0.00005 ? "0" : value.ToString("0.####", CultureInfo.InvariantCulture);

    private static void Write(MemoryStream output, string text) => output.Write(Encoding.ASCII.GetBytes(text));
}
