using DriveSync.Sanitization.Detection;
using PdfSharp.Pdf;

namespace DriveSync.Sanitization.Pdf;

/// <summary>Builds the redacted file: pages reduced to an allow-list of keys under a new page tree and catalog, a new info dictionary, an audit of what will be written, then the deterministic writer.</summary>
internal static class RedactedDocumentWriter
{
    private static readonly HashSet<string> PageKeys = new(StringComparer.Ordinal)
    {
        "/Type", "/Parent", "/Resources", "/MediaBox", "/CropBox", "/BleedBox", "/TrimBox", "/ArtBox", "/Rotate", "/Contents", "/Group", "/UserUnit",
    };

    private static readonly string[] InfoTextKeys = ["/Title", "/Subject", "/Keywords"];

    private static readonly HashSet<string> ForbiddenTypes = new(StringComparer.Ordinal)
    {
        "/Annot", "/Metadata", "/EmbeddedFile", "/Filespec", "/Action", "/Outlines", "/StructTreeRoot", "/StructElem", "/Sig",
    };

    /// <summary>Removes every page key outside the allow-list (annotations, metadata, piece info, thumbnails, actions, structure links) and the metadata of the page's XObjects.</summary>
    public static void StripPage(PdfPage page, PdfDictionary? resources)
    {
        foreach (var key in page.Elements.Keys.Where(k => !PageKeys.Contains(k)).ToList())
        {
            page.Elements.Remove(key);
        }

        var xobjects = resources is null ? null : PdfObjects.GetDictionary(resources, "/XObject");
        foreach (var key in xobjects?.Elements.Keys.ToList() ?? [])
        {
            if (PdfObjects.Get(xobjects!, key) is PdfDictionary xobject)
            {
                xobject.Elements.Remove("/Metadata");
                xobject.Elements.Remove("/PieceInfo");
            }
        }
    }

    /// <summary>Writes <paramref name="pages"/> under a new page tree, catalog and info dictionary (Title, Subject and Keywords kept with PII marked); refuses when an object that must not be written is reachable.</summary>
    public static byte[] Write(PdfDocument document, List<PdfPage> pages, Func<string, IReadOnlyList<PiiMatch>> findMatches, SortedDictionary<string, long> counts, HashSet<PdfObject> replacedStreams)
    {
        var tree = new PdfDictionary(document);
        document.Internals.AddObject(tree);
        var kids = new PdfArray(document);
        foreach (var page in pages)
        {
            page.Elements["/Parent"] = tree.Reference;
            kids.Elements.Add(page.Reference!);
        }

        tree.Elements["/Type"] = new PdfName("/Pages");
        tree.Elements["/Kids"] = kids;
        tree.Elements["/Count"] = new PdfInteger(pages.Count);

        var catalog = new PdfDictionary(document);
        catalog.Elements["/Type"] = new PdfName("/Catalog");
        catalog.Elements["/Pages"] = tree.Reference;
        document.Internals.AddObject(catalog);

        var info = new PdfDictionary(document);
        info.Elements["/Producer"] = new PdfString("DriveSync PDF redactor");
        foreach (var key in InfoTextKeys)
        {
            if (PdfObjects.Get(document.Info, key) is { } value && TextOf(value) is { Length: > 0 } text)
            {
                info.Elements[key] = new PdfString(RedactInfo(text, findMatches, counts), PdfStringEncoding.Unicode);
            }
        }

        document.Internals.AddObject(info);

        var objects = new HashSet<PdfObject>(ReferenceEqualityComparer.Instance);
        objects.UnionWith(document.Internals.GetClosure(catalog));
        objects.UnionWith(document.Internals.GetClosure(info));
        Audit(objects, [.. pages, tree, catalog], replacedStreams);
        return PdfOutputWriter.Write(document, catalog, info, objects);
    }

    private static string? TextOf(PdfItem item) => item switch
    {
        PdfString s => s.Value,
        PdfStringObject so => so.Value,
        _ => null,
    };

    private static string RedactInfo(string text, Func<string, IReadOnlyList<PiiMatch>> findMatches, SortedDictionary<string, long> counts)
    {
        var matches = findMatches(text);
        if (matches.Count == 0)
        {
            return text;
        }

        var builder = new System.Text.StringBuilder();
        var position = 0;
        foreach (var match in matches)
        {
            builder.Append(text, position, match.Start - position).Append('[').Append(match.Type).Append(']');
            position = match.End;
            counts[match.Type] = counts.GetValueOrDefault(match.Type) + 1;
        }

        return builder.Append(text, position, text.Length - position).ToString();
    }

    /// <summary>The last line of defence: the written objects must hold no replaced content stream, no page, page tree or catalog other than the new ones, and nothing of the dropped kinds.</summary>
    private static void Audit(HashSet<PdfObject> objects, List<PdfObject> structure, HashSet<PdfObject> replacedStreams)
    {
        var ours = new HashSet<PdfObject>(structure, ReferenceEqualityComparer.Instance);
        foreach (var item in objects)
        {
            if (item.Reference is null || replacedStreams.Contains(item))
            {
                throw new PdfRedactionException("PDF output audit failed");
            }

            if (item is not PdfDictionary dictionary)
            {
                continue;
            }

            var type = PdfObjects.GetName(dictionary, "/Type");
            if ((type is not null && ForbiddenTypes.Contains(type))
                || (type is "/Page" or "/Pages" or "/Catalog" && !ours.Contains(item))
                || dictionary.Elements["/JS"] is not null
                || PdfObjects.GetName(dictionary, "/S") == "/JavaScript")
            {
                throw new PdfRedactionException("PDF output audit failed");
            }
        }
    }
}
