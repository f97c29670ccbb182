using System.Text;
using DocumentFormat.OpenXml.Packaging;
using DriveSync.Sanitization.Documents;
using DriveSync.Sanitization.Redaction;

namespace DriveSync.Sanitization.OpenXml;

/// <summary>DOCX, XLSX and PPTX through the Open XML SDK, after a zip-bomb-safe copy of the package.</summary>
public sealed class OpenXmlDocumentHandler : IDocumentHandler
{
    private const string WordType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    private const string ExcelType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    private const string PowerPointType = "application/vnd.openxmlformats-officedocument.presentationml.presentation";

    private static readonly Dictionary<string, string> Extensions = new(StringComparer.Ordinal)
    {
        [".docx"] = WordType,
        [".xlsx"] = ExcelType,
        [".pptx"] = PowerPointType,
    };

    /// <inheritdoc />
    public string Format => "ooxml";

    /// <inheritdoc />
    public bool CanHandle(string extension, string? contentType) => Resolve(extension, contentType) is not null;

    /// <inheritdoc />
    public async Task<string> SanitizeAsync(DocumentJob job, CancellationToken cancellationToken)
    {
        var contentType = Resolve(job.Extension, job.ContentType) ?? throw new DocumentQuarantineException("not an OOXML format");
        using var original = await SafePackageCopy.BufferAsync(job.Input, job.Options, cancellationToken);
        using var working = SafePackageCopy.Copy(original, job.Options, cancellationToken);
        using (var package = Open(contentType, working))
        {
            if (!HasMainPart(package))
            {
                throw new DocumentQuarantineException("not a valid OOXML document (no main part)");
            }

            if (package is SpreadsheetDocument spreadsheet)
            {
                new SpreadsheetColumnRedactor(job.Redactor, job.Counts, job.Options.PiiColumns).Redact(spreadsheet);
            }
            else if (package is WordprocessingDocument word)
            {
                new WordTableRedactor(job.Redactor, job.Counts, job.Options.PiiColumns).Redact(word);
            }

            Redact(package, new TextRunRedactor(job.Redactor, job.Counts), job.Redactor, job.Counts, cancellationToken);
        }

        using var normalized = SafePackageCopy.Normalize(working, job.Options, cancellationToken);
        await normalized.CopyToAsync(job.Output, cancellationToken);
        return contentType;
    }

    private static string? Resolve(string extension, string? contentType)
    {
        if (Extensions.TryGetValue(extension, out var known))
        {
            return known;
        }

        var mediaType = contentType?.Split(';')[0].Trim();
        return mediaType is WordType or ExcelType or PowerPointType ? mediaType : null;
    }

    private static OpenXmlPackage Open(string contentType, Stream stream)
    {
        var settings = new OpenSettings { AutoSave = true };
        return contentType switch
        {
            WordType => WordprocessingDocument.Open(stream, true, settings),
            ExcelType => SpreadsheetDocument.Open(stream, true, settings),
            _ => PresentationDocument.Open(stream, true, settings),
        };
    }

    private static bool HasMainPart(OpenXmlPackage package) => package switch
    {
        WordprocessingDocument word => word.MainDocumentPart?.Document is not null,
        SpreadsheetDocument excel => excel.WorkbookPart?.Workbook is not null,
        PresentationDocument powerPoint => powerPoint.PresentationPart?.Presentation is not null,
        _ => false,
    };

    private static Uri RedactedUri(string redacted)
    {
        var escaped = redacted.Replace("[", "%5B", StringComparison.Ordinal).Replace("]", "%5D", StringComparison.Ordinal);
        if (Uri.TryCreate(escaped, UriKind.RelativeOrAbsolute, out var uri))
        {
            return uri;
        }

        return new Uri(escaped.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase) ? "mailto:redacted@redacted.invalid" : "about:blank");
    }

    private static void Redact(OpenXmlPackage package, TextRunRedactor runs, TextRedactor redactor, RedactionCounts counts, CancellationToken cancellationToken)
    {
        var parts = package.GetAllParts().ToList();
        foreach (var part in parts)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (part is EmbeddedPackagePart or EmbeddedObjectPart or VbaProjectPart or EmbeddedControlPersistenceBinaryDataPart)
            {
                throw new DocumentQuarantineException("embedded objects or macros are not supported");
            }

            if (part is ThumbnailPart)
            {
                continue;
            }

            RedactRelationships(part, redactor, counts);
            if (part.RootElement is { } root)
            {
                if (runs.Redact(root))
                {
                    root.Save();
                }
            }
            else if (IsXml(part.ContentType))
            {
                RedactRawXml(part, redactor, counts);
            }
        }

        RemoveThumbnails(package, parts);
        RedactProperties(package, redactor, counts);
    }

    private static bool IsXml(string contentType) =>
        contentType.EndsWith("xml", StringComparison.OrdinalIgnoreCase) && !contentType.Contains("core-properties", StringComparison.OrdinalIgnoreCase);

    private static void RedactRawXml(OpenXmlPart part, TextRedactor redactor, RedactionCounts counts)
    {
        string text;
        using (var reader = new StreamReader(part.GetStream(FileMode.Open, FileAccess.Read), Encoding.UTF8, detectEncodingFromByteOrderMarks: true))
        {
            text = reader.ReadToEnd();
        }

        var redacted = redactor.Redact(text, counts);
        if (!ReferenceEquals(redacted, text))
        {
            using var stream = new MemoryStream(new UTF8Encoding(false).GetBytes(redacted));
            part.FeedData(stream);
        }
    }

    private static void RedactRelationships(OpenXmlPart part, TextRedactor redactor, RedactionCounts counts)
    {
        foreach (var link in part.HyperlinkRelationships.ToList())
        {
            var target = link.Uri.OriginalString;
            var redacted = redactor.Redact(target, counts);
            if (!ReferenceEquals(redacted, target))
            {
                part.DeleteReferenceRelationship(link);
                part.AddHyperlinkRelationship(RedactedUri(redacted), link.IsExternal, link.Id);
            }
        }

        foreach (var external in part.ExternalRelationships.ToList())
        {
            var target = external.Uri.OriginalString;
            var redacted = redactor.Redact(target, counts);
            if (!ReferenceEquals(redacted, target))
            {
                part.DeleteReferenceRelationship(external);
                part.AddExternalRelationship(external.RelationshipType, RedactedUri(redacted), external.Id);
            }
        }
    }

    private static void RemoveThumbnails(OpenXmlPackage package, List<OpenXmlPart> parts)
    {
        foreach (var thumbnail in parts.OfType<ThumbnailPart>())
        {
            foreach (var owner in parts.Cast<OpenXmlPartContainer>().Append(package))
            {
                if (owner.Parts.Any(p => ReferenceEquals(p.OpenXmlPart, thumbnail)))
                {
                    owner.DeletePart(thumbnail);
                    break;
                }
            }
        }
    }

    /// <summary>Sets the rewritten value only when rewriting changed it, so an untouched property stays untouched in the package.</summary>
    private static void Rewrite(string? value, Func<string?, string?> rewrite, Action<string?> set)
    {
        if (value is not null && rewrite(value) is var rewritten && rewritten != value)
        {
            set(rewritten);
        }
    }

    private static void RedactProperties(OpenXmlPackage package, TextRedactor redactor, RedactionCounts counts)
    {
        var properties = package.PackageProperties;
        string? Name(string? value)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                return value;
            }

            counts.Add(PiiTypes.Name);
            return redactor.Marker(PiiTypes.Name);
        }

        string? Scan(string? value) => string.IsNullOrEmpty(value) ? value : redactor.Redact(value, counts);

        Rewrite(properties.Creator, Name, v => properties.Creator = v);
        Rewrite(properties.LastModifiedBy, Name, v => properties.LastModifiedBy = v);
        Rewrite(properties.Title, Scan, v => properties.Title = v);
        Rewrite(properties.Subject, Scan, v => properties.Subject = v);
        Rewrite(properties.Description, Scan, v => properties.Description = v);
        Rewrite(properties.Keywords, Scan, v => properties.Keywords = v);
        Rewrite(properties.Category, Scan, v => properties.Category = v);
    }
}
