using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;
using DriveSync.Sanitization.Documents;

namespace DriveSync.Sanitization.Text;

/// <summary>The text family (txt, csv, tsv, json, md, html, xml, log, eml), streamed in bounded memory; every byte that is not redacted is written back unchanged.</summary>
public sealed class TextDocumentHandler : IDocumentHandler
{
    private const int ReadBytes = 64 * 1024;

    private static readonly Dictionary<string, (TextLayout Layout, string ContentType)> Extensions = new(StringComparer.Ordinal)
    {
        [".txt"] = (TextLayout.Plain, "text/plain"),
        [".text"] = (TextLayout.Plain, "text/plain"),
        [".log"] = (TextLayout.Plain, "text/plain"),
        [".md"] = (TextLayout.Plain, "text/markdown"),
        [".markdown"] = (TextLayout.Plain, "text/markdown"),
        [".csv"] = (TextLayout.Csv, "text/csv"),
        [".tsv"] = (TextLayout.Tsv, "text/tab-separated-values"),
        [".json"] = (TextLayout.Json, "application/json"),
        [".html"] = (TextLayout.Plain, "text/html"),
        [".htm"] = (TextLayout.Plain, "text/html"),
        [".xml"] = (TextLayout.Plain, "application/xml"),
        [".eml"] = (TextLayout.Plain, "message/rfc822"),
    };

    private static readonly Dictionary<string, string> ContentTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        ["text/plain"] = ".txt", ["text/markdown"] = ".md", ["text/csv"] = ".csv", ["text/tab-separated-values"] = ".tsv",
        ["application/json"] = ".json", ["text/html"] = ".html", ["application/xml"] = ".xml", ["text/xml"] = ".xml",
        ["message/rfc822"] = ".eml",
    };

    /// <inheritdoc />
    public string Format => "text";

    /// <inheritdoc />
    public bool CanHandle(string extension, string? contentType) => Resolve(extension, contentType) is not null;

    /// <inheritdoc />
    public async Task<string> SanitizeAsync(DocumentJob job, CancellationToken cancellationToken)
    {
        var (layout, contentType) = Resolve(job.Extension, job.ContentType) ?? throw new DocumentQuarantineException("not a text format");
        using var redactor = new StreamingTextRedactor(job.Redactor, job.Counts, layout, job.Options);
        using var buffers = new TextBuffers(ReadBytes);
        var filled = await buffers.ReadAsync(job.Input, cancellationToken);
        var encoding = TextEncodingSniffer.Detect(buffers.Bytes.AsSpan(0, filled));
        var pendingOddByte = -1;
        while (filled > 0)
        {
            var count = Decode(encoding, buffers.Bytes.AsSpan(0, filled), buffers.Chars, ref pendingOddByte);
            buffers.UsedChars(count);
            redactor.Feed(buffers.Chars.AsSpan(0, count));
            await DrainAsync(redactor, encoding, buffers, job.Output, cancellationToken);
            filled = await buffers.ReadAsync(job.Input, cancellationToken);
        }

        redactor.Complete();
        await DrainAsync(redactor, encoding, buffers, job.Output, cancellationToken);
        if (pendingOddByte >= 0)
        {
            await job.Output.WriteAsync(new[] { (byte)pendingOddByte }, cancellationToken);
        }

        return contentType;
    }

    private static (TextLayout Layout, string ContentType)? Resolve(string extension, string? contentType)
    {
        if (Extensions.TryGetValue(extension, out var known))
        {
            return known;
        }

        var mediaType = contentType?.Split(';')[0].Trim();
        return mediaType is not null && ContentTypes.TryGetValue(mediaType, out var mapped) ? Extensions[mapped] : null;
    }

    private static int Decode(TextEncodingKind encoding, ReadOnlySpan<byte> bytes, Span<char> chars, ref int pendingOddByte)
    {
        if (encoding == TextEncodingKind.Bytes)
        {
            return Encoding.Latin1.GetChars(bytes, chars);
        }

        Span<byte> joined = stackalloc byte[2];
        var produced = 0;
        if (pendingOddByte >= 0 && bytes.Length > 0)
        {
            joined[0] = (byte)pendingOddByte;
            joined[1] = bytes[0];
            chars[produced++] = Unit(encoding, joined);
            bytes = bytes[1..];
            pendingOddByte = -1;
        }

        var pairs = bytes.Length / 2;
        for (var k = 0; k < pairs; k++)
        {
            chars[produced++] = Unit(encoding, bytes.Slice(k * 2, 2));
        }

        if (bytes.Length % 2 == 1)
        {
            pendingOddByte = bytes[^1];
        }

        return produced;
    }

    private static char Unit(TextEncodingKind encoding, ReadOnlySpan<byte> pair) => encoding == TextEncodingKind.Utf16LittleEndian
        ? (char)BinaryPrimitives.ReadUInt16LittleEndian(pair)
        : (char)BinaryPrimitives.ReadUInt16BigEndian(pair);

    private static async Task DrainAsync(StreamingTextRedactor redactor, TextEncodingKind encoding, TextBuffers buffers, Stream output, CancellationToken cancellationToken)
    {
        var written = redactor.Output.WrittenCount;
        if (written == 0)
        {
            return;
        }

        var outBytes = buffers.OutBytes(encoding == TextEncodingKind.Bytes ? written : written * 2);
        var count = Encode(encoding, redactor.Output.WrittenSpan, outBytes);
        buffers.UsedOutBytes(count);
        redactor.Output.ResetWrittenCount();
        await output.WriteAsync(outBytes.AsMemory(0, count), cancellationToken);
    }

    private static int Encode(TextEncodingKind encoding, ReadOnlySpan<char> chars, Span<byte> bytes)
    {
        switch (encoding)
        {
            case TextEncodingKind.Bytes:
                return Encoding.Latin1.GetBytes(chars, bytes);
            case TextEncodingKind.Utf16LittleEndian when BitConverter.IsLittleEndian:
                MemoryMarshal.AsBytes(chars).CopyTo(bytes);
                return chars.Length * 2;
            default:
                for (var k = 0; k < chars.Length; k++)
                {
                    if (encoding == TextEncodingKind.Utf16LittleEndian)
                    {
                        BinaryPrimitives.WriteUInt16LittleEndian(bytes[(k * 2)..], chars[k]);
                    }
                    else
                    {
                        BinaryPrimitives.WriteUInt16BigEndian(bytes[(k * 2)..], chars[k]);
                    }
                }

                return chars.Length * 2;
        }
    }
}
