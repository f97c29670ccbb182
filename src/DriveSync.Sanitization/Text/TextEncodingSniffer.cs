using DriveSync.Sanitization.Documents;

namespace DriveSync.Sanitization.Text;

/// <summary>Detects the encoding of a text document from its first bytes (BOM, or the zero-byte pattern of UTF-16 without BOM).</summary>
internal static class TextEncodingSniffer
{
    /// <summary>The encoding of a document starting with <paramref name="head"/>.</summary>
    /// <exception cref="DocumentQuarantineException">UTF-32, or binary content.</exception>
    public static TextEncodingKind Detect(ReadOnlySpan<byte> head)
    {
        if (head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE, 0x00, 0x00]) || head.StartsWith((ReadOnlySpan<byte>)[0x00, 0x00, 0xFE, 0xFF]))
        {
            throw new DocumentQuarantineException("unsupported text encoding (UTF-32)");
        }

        if (head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]))
        {
            return TextEncodingKind.Utf16LittleEndian;
        }

        if (head.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            return TextEncodingKind.Utf16BigEndian;
        }

        if (head.IndexOf((byte)0) < 0)
        {
            return TextEncodingKind.Bytes;
        }

        int evenZeros = 0, oddZeros = 0, pairs = head.Length / 2;
        for (var k = 0; k + 1 < head.Length; k += 2)
        {
            evenZeros += head[k] == 0 ? 1 : 0;
            oddZeros += head[k + 1] == 0 ? 1 : 0;
        }

        if (pairs > 0 && oddZeros * 10 > pairs * 4 && evenZeros * 20 < pairs)
        {
            return TextEncodingKind.Utf16LittleEndian;
        }

        if (pairs > 0 && evenZeros * 10 > pairs * 4 && oddZeros * 20 < pairs)
        {
            return TextEncodingKind.Utf16BigEndian;
        }

        throw new DocumentQuarantineException("binary content in a text file (NUL bytes)");
    }
}
