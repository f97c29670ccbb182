using System.IO.Compression;
using DriveSync.Sanitization.Detection;
using PdfSharp.Pdf;
using PdfSharp.Pdf.IO;

namespace DriveSync.Sanitization.Pdf;

/// <summary>
/// Truly redacts text PDFs: decodes every page's text, runs the detector over it in reading order and in content order,
/// and over lines joined to their continuation (values wrapped over two lines of a narrow cell or a paragraph),
/// removes the matched glyphs from the content streams (the rest keeps its position), draws a black box where they stood,
/// and writes a new file holding only the pages' objects (no annotations, forms, attachments, JavaScript, outlines, XMP or
/// personal info entries). Fails closed: anything it cannot account for throws a <see cref="PdfRedactionException"/>.
/// </summary>
public sealed class PdfRedactor
{
    private static readonly byte[] EncryptKey = "/Encrypt"u8.ToArray();

    private static readonly string[] InheritedKeys = ["/Resources", "/MediaBox", "/CropBox", "/Rotate"];

    private readonly PdfRedactionOptions options;

    /// <summary>Creates a redactor with validated <paramref name="options"/>.</summary>
    public PdfRedactor(PdfRedactionOptions options)
    {
        var errors = options.Validate();
        if (errors.Count > 0)
        {
            throw new ArgumentException(string.Join(" ", errors), nameof(options));
        }

        this.options = options;
    }

    /// <summary>Redacts <paramref name="pdf"/> with <paramref name="findMatches"/> (ordered, non-overlapping matches in a text). Throws a <see cref="PdfRedactionException"/> whose message is the quarantine reason.</summary>
    public PdfRedactionResult Redact(byte[] pdf, Func<string, IReadOnlyList<PiiMatch>> findMatches, CancellationToken cancellationToken = default)
    {
        try
        {
            return RedactDocument(pdf, findMatches, cancellationToken);
        }
        catch (Exception e) when (e is not (PdfRedactionException or OperationCanceledException or OutOfMemoryException))
        {
            throw new PdfRedactionException(PdfQuarantineReasons.Unprocessable);
        }
    }

    private PdfRedactionResult RedactDocument(byte[] pdf, Func<string, IReadOnlyList<PiiMatch>> findMatches, CancellationToken cancellationToken)
    {
        if (pdf.LongLength > options.MaxBytes)
        {
            throw new PdfRedactionException("PDF is larger than DriveSync:Pdf:MaxBytes");
        }

        if (pdf.AsSpan().IndexOf(EncryptKey) >= 0)
        {
            throw new PdfRedactionException(PdfQuarantineReasons.Encrypted);
        }

        using var document = Open(pdf);
        if (document.PageCount > options.MaxPages)
        {
            throw new PdfRedactionException("PDF has more pages than DriveSync:Pdf:MaxPages");
        }

        var cache = new PdfResourceCache();
        var counts = new SortedDictionary<string, long>(StringComparer.Ordinal);
        var replacedStreams = new HashSet<PdfObject>(ReferenceEqualityComparer.Instance);
        var pages = new List<PdfPage>();
        var glyphCount = 0;
        var glyphsRemoved = 0;
        var annotationsRemoved = 0;
        var imageOnlyPages = 0;
        for (var number = 0; number < document.PageCount; number++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var page = document.Pages[number];
            CopyInherited(page);
            var resources = PdfObjects.GetDictionary(page, "/Resources");
            var (content, streams) = ReadContent(page);
            var operations = ContentLexer.Parse(content);
            var layout = PageInterpreter.Run(operations, resources, cache);
            if (layout.HasImages && layout.HasInvisibleText)
            {
                throw new PdfRedactionException(PdfQuarantineReasons.ScannedWithOcrLayer);
            }

            if (layout.Glyphs.Count == 0 && layout.HasImages)
            {
                imageOnlyPages++;
            }

            glyphCount += layout.Glyphs.Count;
            var removed = GlyphMatcher.FindRemovedGlyphs(layout, findMatches, counts);
            var removedCount = removed.Count(r => r);
            var strippedProperties = GlyphMatcher.MarkedTextsToStrip(layout, removed, findMatches, counts);
            if (removedCount > 0 || strippedProperties.Count > 0)
            {
                glyphsRemoved += removedCount;
                ReplaceContent(document, page, ContentRewriter.Rewrite(content, operations, layout, removed, strippedProperties));
                replacedStreams.UnionWith(streams);
            }

            annotationsRemoved += (PdfObjects.GetArray(page, "/Annots")?.Elements.Count) ?? 0;
            RedactedDocumentWriter.StripPage(page, resources);
            pages.Add(page);
        }

        if (glyphCount == 0)
        {
            throw new PdfRedactionException(PdfQuarantineReasons.NoTextLayer);
        }

        if (imageOnlyPages > 0)
        {
            throw new PdfRedactionException(PdfQuarantineReasons.PageWithoutTextLayer);
        }

        var output = RedactedDocumentWriter.Write(document, pages, findMatches, counts, replacedStreams);
        return new PdfRedactionResult(output, pages.Count, glyphsRemoved, annotationsRemoved, counts);
    }

    private static PdfDocument Open(byte[] pdf)
    {
        try
        {
            return PdfReader.Open(new MemoryStream(pdf, writable: false), PdfDocumentOpenMode.Modify, args => args.Abort = true);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw new PdfRedactionException(PdfQuarantineReasons.Unreadable);
        }
    }

    private static void CopyInherited(PdfPage page)
    {
        foreach (var key in InheritedKeys)
        {
            if (page.Elements[key] is not null)
            {
                continue;
            }

            for (var parent = PdfObjects.GetDictionary(page, "/Parent"); parent is not null; parent = PdfObjects.GetDictionary(parent, "/Parent"))
            {
                if (parent.Elements[key] is { } inherited)
                {
                    page.Elements[key] = inherited;
                    break;
                }
            }
        }
    }

    private (byte[] Content, List<PdfObject> Streams) ReadContent(PdfPage page)
    {
        var streams = new List<PdfObject>();
        switch (PdfObjects.Get(page, "/Contents"))
        {
            case null:
                break;
            case PdfDictionary { Stream: not null } single:
                streams.Add(single);
                break;
            case PdfArray array:
                foreach (var item in array.Elements)
                {
                    streams.Add(PdfObjects.Resolve(item) as PdfDictionary is { Stream: not null } part ? part : throw new PdfRedactionException("PDF page contents are malformed"));
                }

                break;
            default:
                throw new PdfRedactionException("PDF page contents are malformed");
        }

        var content = new MemoryStream();
        foreach (var stream in streams.Cast<PdfDictionary>())
        {
            content.Write(PdfObjects.DecodedStream(stream));
            content.WriteByte((byte)'\n');
            if (content.Length > options.MaxPageContentBytes)
            {
                throw new PdfRedactionException("PDF page content is larger than DriveSync:Pdf:MaxPageContentBytes");
            }
        }

        return (content.ToArray(), streams);
    }

    private static void ReplaceContent(PdfDocument document, PdfPage page, byte[] content)
    {
        var compressed = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
        {
            zlib.Write(content);
        }

        var stream = new PdfDictionary(document);
        stream.CreateStream(compressed.ToArray());
        stream.Elements["/Filter"] = new PdfName("/FlateDecode");
        document.Internals.AddObject(stream);
        page.Elements["/Contents"] = stream.Reference;
    }
}
