using System.Globalization;
using System.Text;

namespace DriveSync.Sanitization.Pdf;

/// <summary>Splits a decoded content stream (or a CMap) into operations: operands followed by their operator.</summary>
internal static class ContentLexer
{
    private const string Malformed = "PDF content stream is malformed";

    /// <summary>Parses <paramref name="data"/>. In <paramref name="cmapSyntax"/> mode PostScript braces are skipped; otherwise they are an error.</summary>
    public static List<ContentOperation> Parse(byte[] data, bool cmapSyntax = false)
    {
        var operations = new List<ContentOperation>();
        var operands = new List<ContentToken>();
        var position = 0;
        var operationStart = -1;
        while (true)
        {
            SkipWhitespaceAndComments(data, ref position);
            if (position >= data.Length)
            {
                break;
            }

            var tokenStart = position;
            var b = data[position];
            if (b is (byte)'{' or (byte)'}')
            {
                if (!cmapSyntax)
                {
                    throw new PdfRedactionException(Malformed);
                }

                position++;
                continue;
            }

            if (IsRegular(b) && !IsNumberStart(b))
            {
                var keyword = ReadRegular(data, ref position);
                switch (keyword)
                {
                    case "true":
                        operands.Add(ContentToken.BooleanToken(true));
                        break;
                    case "false":
                        operands.Add(ContentToken.BooleanToken(false));
                        break;
                    case "null":
                        operands.Add(ContentToken.NullToken());
                        break;
                    default:
                        var start = operationStart < 0 ? tokenStart : operationStart;
                        if (keyword == "BI" && !cmapSyntax)
                        {
                            var end = SkipInlineImage(data, ref position);
                            operations.Add(new ContentOperation("BI", [], start, end));
                        }
                        else
                        {
                            operations.Add(new ContentOperation(keyword, operands.ToArray(), start, position));
                        }

                        operands.Clear();
                        operationStart = -1;
                        continue;
                }
            }
            else
            {
                operands.Add(ReadObject(data, ref position, cmapSyntax));
            }

            if (operationStart < 0)
            {
                operationStart = tokenStart;
            }
        }

        if (operands.Count > 0 && !cmapSyntax)
        {
            throw new PdfRedactionException(Malformed);
        }

        return operations;
    }

    private static ContentToken ReadObject(byte[] data, ref int position, bool cmapSyntax)
    {
        SkipWhitespaceAndComments(data, ref position);
        if (position >= data.Length)
        {
            throw new PdfRedactionException(Malformed);
        }

        var b = data[position];
        switch (b)
        {
            case (byte)'/':
                position++;
                return ContentToken.NameToken(ReadName(data, ref position));
            case (byte)'(':
                return ContentToken.StringToken(ReadLiteralString(data, ref position));
            case (byte)'<' when position + 1 < data.Length && data[position + 1] == (byte)'<':
                position += 2;
                return ContentToken.DictionaryToken(ReadItems(data, ref position, ">>", cmapSyntax));
            case (byte)'<':
                return ContentToken.StringToken(ReadHexString(data, ref position));
            case (byte)'[':
                position++;
                return ContentToken.ArrayToken(ReadItems(data, ref position, "]", cmapSyntax));
        }

        if (IsNumberStart(b))
        {
            var text = ReadRegular(data, ref position);
            if (!double.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
            {
                throw new PdfRedactionException(Malformed);
            }

            return ContentToken.NumberToken(value, text);
        }

        if (IsRegular(b))
        {
            var keyword = ReadRegular(data, ref position);
            return keyword switch
            {
                "true" => ContentToken.BooleanToken(true),
                "false" => ContentToken.BooleanToken(false),
                "null" => ContentToken.NullToken(),
                _ when cmapSyntax => ContentToken.NameToken(keyword),
                _ => throw new PdfRedactionException(Malformed),
            };
        }

        throw new PdfRedactionException(Malformed);
    }

    private static List<ContentToken> ReadItems(byte[] data, ref int position, string terminator, bool cmapSyntax)
    {
        var items = new List<ContentToken>();
        while (true)
        {
            SkipWhitespaceAndComments(data, ref position);
            if (position >= data.Length)
            {
                throw new PdfRedactionException(Malformed);
            }

            if (Matches(data, position, terminator))
            {
                position += terminator.Length;
                return items;
            }

            items.Add(ReadObject(data, ref position, cmapSyntax));
        }
    }

    private static bool Matches(byte[] data, int position, string text)
    {
        if (position + text.Length > data.Length)
        {
            return false;
        }

        for (var i = 0; i < text.Length; i++)
        {
            if (data[position + i] != text[i])
            {
                return false;
            }
        }

        return true;
    }

    private static byte[] ReadLiteralString(byte[] data, ref int position)
    {
        position++;
        var bytes = new List<byte>();
        var depth = 1;
        while (position < data.Length)
        {
            var b = data[position++];
            switch (b)
            {
                case (byte)'(':
                    depth++;
                    bytes.Add(b);
                    break;
                case (byte)')':
                    if (--depth == 0)
                    {
                        return bytes.ToArray();
                    }

                    bytes.Add(b);
                    break;
                case (byte)'\\':
                    ReadEscape(data, ref position, bytes);
                    break;
                case (byte)'\r':
                    if (position < data.Length && data[position] == (byte)'\n')
                    {
                        position++;
                    }

                    bytes.Add((byte)'\n');
                    break;
                default:
                    bytes.Add(b);
                    break;
            }
        }

        throw new PdfRedactionException(Malformed);
    }

    private static void ReadEscape(byte[] data, ref int position, List<byte> bytes)
    {
        if (position >= data.Length)
        {
            throw new PdfRedactionException(Malformed);
        }

        var e = data[position++];
        switch (e)
        {
            case (byte)'n': bytes.Add((byte)'\n'); return;
            case (byte)'r': bytes.Add((byte)'\r'); return;
            case (byte)'t': bytes.Add((byte)'\t'); return;
            case (byte)'b': bytes.Add(8); return;
            case (byte)'f': bytes.Add(12); return;
            case (byte)'\r':
                if (position < data.Length && data[position] == (byte)'\n')
                {
                    position++;
                }

                return;
            case (byte)'\n':
                return;
        }

        if (e is >= (byte)'0' and <= (byte)'7')
        {
            var value = e - '0';
            for (var i = 0; i < 2 && position < data.Length && data[position] is >= (byte)'0' and <= (byte)'7'; i++)
            {
                value = (value * 8) + (data[position++] - '0');
            }

            bytes.Add((byte)value);
            return;
        }

        bytes.Add(e);
    }

    private static byte[] ReadHexString(byte[] data, ref int position)
    {
        position++;
        var bytes = new List<byte>();
        var high = -1;
        while (position < data.Length)
        {
            var b = data[position++];
            if (b == (byte)'>')
            {
                if (high >= 0)
                {
                    bytes.Add((byte)(high << 4));
                }

                return bytes.ToArray();
            }

            if (IsWhitespace(b))
            {
                continue;
            }

            var nibble = HexValue(b);
            if (nibble < 0)
            {
                throw new PdfRedactionException(Malformed);
            }

            if (high < 0)
            {
                high = nibble;
            }
            else
            {
                bytes.Add((byte)((high << 4) | nibble));
                high = -1;
            }
        }

        throw new PdfRedactionException(Malformed);
    }

    private static string ReadName(byte[] data, ref int position)
    {
        var builder = new StringBuilder();
        while (position < data.Length && IsRegular(data[position]))
        {
            var b = data[position++];
            if (b == (byte)'#' && position + 1 < data.Length && HexValue(data[position]) >= 0 && HexValue(data[position + 1]) >= 0)
            {
                b = (byte)((HexValue(data[position]) << 4) | HexValue(data[position + 1]));
                position += 2;
            }

            builder.Append((char)b);
        }

        return builder.ToString();
    }

    private static string ReadRegular(byte[] data, ref int position)
    {
        var start = position;
        while (position < data.Length && IsRegular(data[position]))
        {
            position++;
        }

        return Encoding.Latin1.GetString(data, start, position - start);
    }

    /// <summary>Skips an inline image's dictionary and data, leaving <paramref name="position"/> after its EI; returns that end.</summary>
    private static int SkipInlineImage(byte[] data, ref int position)
    {
        while (true)
        {
            SkipWhitespaceAndComments(data, ref position);
            if (position >= data.Length)
            {
                throw new PdfRedactionException(Malformed);
            }

            if (Matches(data, position, "ID") && (position + 2 >= data.Length || !IsRegular(data[position + 2])))
            {
                position += 3;
                break;
            }

            ReadObject(data, ref position, cmapSyntax: false);
        }

        for (var i = position; i + 1 < data.Length; i++)
        {
            if (data[i] == (byte)'E' && data[i + 1] == (byte)'I' && IsWhitespace(data[i - 1])
                && (i + 2 >= data.Length || !IsRegular(data[i + 2])))
            {
                position = i + 2;
                return position;
            }
        }

        throw new PdfRedactionException(Malformed);
    }

    private static void SkipWhitespaceAndComments(byte[] data, ref int position)
    {
        while (position < data.Length)
        {
            var b = data[position];
            if (IsWhitespace(b))
            {
                position++;
            }
            else if (b == (byte)'%')
            {
                while (position < data.Length && data[position] != (byte)'\n' && data[position] != (byte)'\r')
                {
                    position++;
                }
            }
            else
            {
                return;
            }
        }
    }

    private static int HexValue(byte b) => b switch
    {
        >= (byte)'0' and <= (byte)'9' => b - '0',
        >= (byte)'a' and <= (byte)'f' => b - 'a' + 10,
        >= (byte)'A' and <= (byte)'F' => b - 'A' + 10,
        _ => -1,
    };

    private static bool IsNumberStart(byte b) => b is (>= (byte)'0' and <= (byte)'9') or (byte)'+' or (byte)'-' or (byte)'.';

    private static bool IsWhitespace(byte b) => b is 0 or 9 or 10 or 12 or 13 or 32;

    private static bool IsRegular(byte b) => !IsWhitespace(b) && b is not ((byte)'(' or (byte)')' or (byte)'<' or (byte)'>' or (byte)'[' or (byte)']' or (byte)'{' or (byte)'}' or (byte)'/' or (byte)'%');
}
