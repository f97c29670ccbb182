using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;

namespace DriveSync.Sanitization.Tests.Corpus;

/// <summary>The text a reader sees in a corpus document: the decoded text of the text formats, the text elements of Office packages.</summary>
internal static class CorpusText
{
    public static bool IsOffice(string name) => name.EndsWith(".docx", StringComparison.Ordinal) || name.EndsWith(".xlsx", StringComparison.Ordinal) || name.EndsWith(".pptx", StringComparison.Ordinal);

    public static string Extract(string name, byte[] content)
    {
        if (!IsOffice(name))
        {
            var text = Encoding.UTF8.GetString(content);
            return name.EndsWith(".html", StringComparison.Ordinal) || name.EndsWith(".xml", StringComparison.Ordinal) ? System.Net.WebUtility.HtmlDecode(text) : text;
        }

        using var stream = new MemoryStream(content);
        using OpenXmlPackage package = Path.GetExtension(name) switch
        {
            ".docx" => WordprocessingDocument.Open(stream, false),
            ".xlsx" => SpreadsheetDocument.Open(stream, false),
            _ => PresentationDocument.Open(stream, false),
        };
        return string.Concat(package.GetAllParts().Where(p => p.RootElement is not null).SelectMany(p => p.RootElement!.Descendants<OpenXmlLeafTextElement>()).Select(t => t.Text));
    }
}
