using PdfSharp.Pdf;
using PdfSharp.Pdf.Advanced;

namespace DriveSync.Sanitization.Pdf;

/// <summary>Small readers over PDFsharp's object model that resolve indirect references.</summary>
internal static class PdfObjects
{
    public static PdfItem? Resolve(PdfItem? item) => item is PdfReference reference ? reference.Value : item;

    public static PdfItem? Get(PdfDictionary dictionary, string key) => Resolve(dictionary.Elements[key]);

    public static PdfDictionary? GetDictionary(PdfDictionary dictionary, string key) => Get(dictionary, key) as PdfDictionary;

    public static PdfArray? GetArray(PdfDictionary dictionary, string key) => Get(dictionary, key) as PdfArray;

    public static string? GetName(PdfDictionary dictionary, string key) => (Get(dictionary, key) as PdfName)?.Value;

    public static double? GetNumber(PdfDictionary dictionary, string key) => ToNumber(Get(dictionary, key));

    public static double? ToNumber(PdfItem? item) => Resolve(item) switch
    {
        PdfInteger i => i.Value,
        PdfLongInteger l => l.Value,
        PdfReal r => r.Value,
        PdfIntegerObject io => io.Value,
        PdfRealObject ro => ro.Value,
        _ => null,
    };

    /// <summary>The decoded bytes of a stream; fails closed when a filter could not be applied.</summary>
    public static byte[] DecodedStream(PdfDictionary dictionary)
    {
        var stream = dictionary.Stream ?? throw new PdfRedactionException("PDF stream is missing");
        if (dictionary.Elements[PdfDictionary.PdfStream.Keys.Filter] is null)
        {
            return stream.Value;
        }

        var decoded = stream.UnfilteredValue;
        if (ReferenceEquals(decoded, stream.Value) || decoded.AsSpan().SequenceEqual(stream.Value))
        {
            throw new PdfRedactionException("PDF stream uses an unsupported filter");
        }

        return decoded;
    }
}
