using System.Text;

namespace DriveSync.Sanitization.Pdf;

/// <summary>A parsed ToUnicode CMap: character code → Unicode text (bfchar and bfrange entries).</summary>
internal sealed class ToUnicodeMap
{
    private const int MaxRangeSize = 65536;
    private readonly Dictionary<int, string> map = new();

    private ToUnicodeMap()
    {
    }

    /// <summary>The text of <paramref name="code"/>, or null when the map has no entry.</summary>
    public string? Lookup(int code) => map.TryGetValue(code, out var text) ? text : null;

    public static ToUnicodeMap Parse(byte[] cmap)
    {
        var result = new ToUnicodeMap();
        foreach (var operation in ContentLexer.Parse(cmap, cmapSyntax: true))
        {
            var operands = operation.Operands;
            switch (operation.Operator)
            {
                case "endbfchar":
                    for (var i = 0; i + 1 < operands.Count; i += 2)
                    {
                        if (operands[i].Kind == ContentTokenKind.String && operands[i + 1].Kind == ContentTokenKind.String)
                        {
                            result.map[ToCode(operands[i].Bytes)] = Utf16(operands[i + 1].Bytes);
                        }
                    }

                    break;
                case "endbfrange":
                    for (var i = 0; i + 2 < operands.Count; i += 3)
                    {
                        result.AddRange(operands[i], operands[i + 1], operands[i + 2]);
                    }

                    break;
            }
        }

        return result;
    }

    private void AddRange(ContentToken low, ContentToken high, ContentToken destination)
    {
        if (low.Kind != ContentTokenKind.String || high.Kind != ContentTokenKind.String)
        {
            return;
        }

        var first = ToCode(low.Bytes);
        var last = ToCode(high.Bytes);
        if (last < first || last - first >= MaxRangeSize)
        {
            throw new PdfRedactionException("PDF ToUnicode map is malformed");
        }

        if (destination.Kind == ContentTokenKind.Array)
        {
            for (var code = first; code <= last && code - first < destination.Items.Count; code++)
            {
                var item = destination.Items[code - first];
                if (item.Kind == ContentTokenKind.String)
                {
                    map[code] = Utf16(item.Bytes);
                }
            }

            return;
        }

        if (destination.Kind != ContentTokenKind.String || destination.Bytes.Length < 2)
        {
            return;
        }

        var baseText = Utf16(destination.Bytes);
        for (var code = first; code <= last; code++)
        {
            var offset = code - first;
            var lastUnit = baseText[^1] + offset;
            if (lastUnit > 0xFFFF)
            {
                throw new PdfRedactionException("PDF ToUnicode map is malformed");
            }

            map[code] = string.Concat(baseText.AsSpan(0, baseText.Length - 1), ((char)lastUnit).ToString());
        }
    }

    private static int ToCode(byte[] bytes)
    {
        if (bytes.Length is 0 or > 4)
        {
            throw new PdfRedactionException("PDF ToUnicode map is malformed");
        }

        var code = 0;
        foreach (var b in bytes)
        {
            code = (code << 8) | b;
        }

        return code;
    }

    private static string Utf16(byte[] bytes) => bytes.Length % 2 == 0
        ? Encoding.BigEndianUnicode.GetString(bytes)
        : throw new PdfRedactionException("PDF ToUnicode map is malformed");
}
