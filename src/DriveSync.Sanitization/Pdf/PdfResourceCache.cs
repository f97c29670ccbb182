using PdfSharp.Pdf;

namespace DriveSync.Sanitization.Pdf;

/// <summary>Per-document caches: decoded fonts and the verdicts on form XObjects (shared by the pages that use them).</summary>
internal sealed class PdfResourceCache
{
    public const string TextInsideForm = "PDF has text inside a form XObject or pattern (not supported)";
    private const int MaxFormDepth = 8;
    private readonly Dictionary<PdfDictionary, TextFont> fonts = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<PdfDictionary, bool> formHasImages = new(ReferenceEqualityComparer.Instance);

    public TextFont GetFont(PdfDictionary font)
    {
        if (!fonts.TryGetValue(font, out var textFont))
        {
            textFont = TextFont.FromDictionary(font);
            fonts[font] = textFont;
        }

        return textFont;
    }

    /// <summary>Checks a form XObject or tiling pattern (and the forms it draws): text inside is refused; returns whether it draws images.</summary>
    public bool InspectForm(PdfDictionary form, PdfDictionary? inheritedResources) => InspectForm(form, inheritedResources, 0);

    private bool InspectForm(PdfDictionary form, PdfDictionary? inheritedResources, int depth)
    {
        if (formHasImages.TryGetValue(form, out var known))
        {
            return known;
        }

        if (depth >= MaxFormDepth)
        {
            throw new PdfRedactionException("PDF form XObjects are nested too deeply");
        }

        var resources = PdfObjects.GetDictionary(form, "/Resources") ?? inheritedResources;
        var hasImages = false;
        foreach (var operation in ContentLexer.Parse(PdfObjects.DecodedStream(form)))
        {
            switch (operation.Operator)
            {
                case "BT" or "Tj" or "TJ" or "'" or "\"":
                    throw new PdfRedactionException(TextInsideForm);
                case "BI":
                    hasImages = true;
                    break;
                case "Do":
                    hasImages |= InspectXObject(operation, resources, depth + 1);
                    break;
            }
        }

        formHasImages[form] = hasImages;
        return hasImages;
    }

    /// <summary>Resolves the XObject a Do operation draws; returns whether it is or draws an image.</summary>
    public bool InspectXObject(ContentOperation operation, PdfDictionary? resources) => InspectXObject(operation, resources, 0);

    private bool InspectXObject(ContentOperation operation, PdfDictionary? resources, int depth)
    {
        if (operation.Operands.Count != 1 || operation.Operands[0].Kind != ContentTokenKind.Name)
        {
            throw new PdfRedactionException("PDF content stream is malformed");
        }

        var xobjects = resources is null ? null : PdfObjects.GetDictionary(resources, "/XObject");
        if (xobjects is null || PdfObjects.Get(xobjects, "/" + operation.Operands[0].Text) is not PdfDictionary xobject)
        {
            throw new PdfRedactionException("PDF content refers to a missing XObject");
        }

        return PdfObjects.GetName(xobject, "/Subtype") switch
        {
            "/Image" => true,
            "/Form" => InspectForm(xobject, resources, depth),
            _ => throw new PdfRedactionException("PDF XObject type is not supported"),
        };
    }

    /// <summary>Checks the tiling patterns among <paramref name="resources"/> (they have content streams of their own); returns whether one draws images.</summary>
    public bool InspectPatterns(PdfDictionary? resources)
    {
        var patterns = resources is null ? null : PdfObjects.GetDictionary(resources, "/Pattern");
        var hasImages = false;
        foreach (var key in patterns?.Elements.Keys.ToList() ?? [])
        {
            if (PdfObjects.Get(patterns!, key) is PdfDictionary { Stream: not null } pattern)
            {
                hasImages |= InspectForm(pattern, resources);
            }
        }

        return hasImages;
    }
}
