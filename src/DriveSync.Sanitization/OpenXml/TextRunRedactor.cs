using System.Text;
using DocumentFormat.OpenXml;
using DriveSync.Sanitization.Detection;
using DriveSync.Sanitization.Redaction;

namespace DriveSync.Sanitization.OpenXml;

/// <summary>
/// Redacts the text of an OOXML part: the text elements of each paragraph (or shared string, inline string, comment)
/// are joined so that a value split across runs is found, and the replacement goes into the run where the value starts.
/// Author and initials attributes become <c>[NAME]</c>; alt-text, title and tooltip attributes, pivot-cache string items,
/// spreadsheet header/footer text and string formula results are scanned.
/// </summary>
internal sealed class TextRunRedactor(TextRedactor redactor, RedactionCounts counts)
{
    private const int ContextTail = 40;

    private static readonly HashSet<string> TextElements = new(StringComparer.Ordinal)
    {
        "t", "delText", "instrText", "delInstrText", "lpwstr", "bstr", "text",
        "oddHeader", "evenHeader", "firstHeader", "oddFooter", "evenFooter", "firstFooter",
    };
    private static readonly HashSet<string> NameElements = new(StringComparer.Ordinal) { "author", "Manager" };
    private static readonly HashSet<string> Containers = new(StringComparer.Ordinal) { "p", "si", "is", "text", "comment" };
    private static readonly HashSet<string> NameAttributes = new(StringComparer.Ordinal) { "author", "initials" };
    private static readonly HashSet<string> ScannedAttributes = new(StringComparer.Ordinal) { "descr", "title", "tooltip", "userId" };

    /// <summary>Redacts the element tree under <paramref name="root"/>; returns true when anything changed.</summary>
    public bool Redact(OpenXmlElement root)
    {
        var changed = false;
        var groups = new Dictionary<OpenXmlElement, List<OpenXmlLeafTextElement>>(ReferenceEqualityComparer.Instance);
        var order = new List<OpenXmlElement>();
        foreach (var element in root.Descendants())
        {
            changed |= RedactAttributes(element);
            if (element is OpenXmlLeafTextElement leaf)
            {
                if (NameElements.Contains(leaf.LocalName))
                {
                    changed |= ReplaceWhole(leaf);
                }
                else if (TextElements.Contains(leaf.LocalName) || IsStringFormulaResult(leaf))
                {
                    var key = Container(leaf);
                    if (!groups.TryGetValue(key, out var list))
                    {
                        groups[key] = list = [];
                        order.Add(key);
                    }

                    list.Add(leaf);
                }
            }
        }

        var previous = "";
        foreach (var key in order)
        {
            changed |= RedactGroup(groups[key], previous, out previous);
        }

        return changed;
    }

    /// <summary>The cached value of a spreadsheet formula whose result is a string (<c>&lt;c t="str"&gt;&lt;v&gt;</c>).</summary>
    private static bool IsStringFormulaResult(OpenXmlLeafTextElement leaf) =>
        leaf.LocalName == "v" && leaf.Parent is DocumentFormat.OpenXml.Spreadsheet.Cell { DataType.Value: var type } && type == DocumentFormat.OpenXml.Spreadsheet.CellValues.String;

    private static OpenXmlElement Container(OpenXmlElement leaf)
    {
        for (var parent = leaf.Parent; parent is not null; parent = parent.Parent)
        {
            if (Containers.Contains(parent.LocalName))
            {
                return parent;
            }
        }

        return leaf;
    }

    private bool ReplaceWhole(OpenXmlLeafTextElement leaf)
    {
        if (string.IsNullOrWhiteSpace(leaf.Text))
        {
            return false;
        }

        leaf.Text = redactor.Marker(PiiTypes.Name);
        counts.Add(PiiTypes.Name);
        return true;
    }

    private bool RedactAttributes(OpenXmlElement element)
    {
        if (!element.HasAttributes)
        {
            return false;
        }

        var changed = false;
        foreach (var attribute in element.GetAttributes())
        {
            var value = attribute.Value;
            if (string.IsNullOrWhiteSpace(value))
            {
                continue;
            }

            string replacement;
            if (NameAttributes.Contains(attribute.LocalName) || (attribute.LocalName == "name" && element.LocalName == "cmAuthor"))
            {
                replacement = redactor.Marker(PiiTypes.Name);
                counts.Add(PiiTypes.Name);
            }
            else if (ScannedAttributes.Contains(attribute.LocalName) || (attribute.LocalName == "v" && element.LocalName == "s"))
            {
                replacement = redactor.Redact(value, counts);
            }
            else
            {
                continue;
            }

            if (!string.Equals(replacement, value, StringComparison.Ordinal))
            {
                element.SetAttribute(new OpenXmlAttribute(attribute.Prefix, attribute.LocalName, attribute.NamespaceUri, replacement));
                changed = true;
            }
        }

        return changed;
    }

    /// <summary>
    /// Redacts one paragraph (or string item). The tail of the previous one is given to the detector as context only,
    /// so a label in one table cell ("SSN") still qualifies a bare number in the next.
    /// </summary>
    private bool RedactGroup(List<OpenXmlLeafTextElement> texts, string previous, out string tail)
    {
        var joined = new StringBuilder(previous).Append('\n');
        foreach (var text in texts)
        {
            joined.Append(text.Text);
        }

        var contextLength = previous.Length + 1;
        var scanned = joined.ToString();
        var full = scanned[contextLength..];
        tail = full.Length > ContextTail ? full[^ContextTail..] : full;
        var found = new List<PiiMatch>();
        redactor.Detector.FindMatches(scanned, contextLength, found);
        if (found.Count == 0)
        {
            return false;
        }

        var matches = found.ConvertAll(m => m with { Start = m.Start - contextLength });

        var offset = 0;
        var next = 0;
        foreach (var text in texts)
        {
            var original = text.Text;
            var end = offset + original.Length;
            var rebuilt = new StringBuilder(original.Length);
            for (var k = offset; k < end; k++)
            {
                while (next < matches.Count && matches[next].End <= k)
                {
                    next++;
                }

                if (next < matches.Count && k >= matches[next].Start)
                {
                    if (k == matches[next].Start)
                    {
                        var match = matches[next];
                        rebuilt.Append(redactor.Replacement(match.Type, full.AsSpan(match.Start, match.Length)));
                        counts.Add(match.Type);
                    }

                    continue;
                }

                rebuilt.Append(full[k]);
            }

            var replaced = rebuilt.ToString();
            if (!string.Equals(replaced, original, StringComparison.Ordinal))
            {
                text.Text = replaced;
                if (text is DocumentFormat.OpenXml.Wordprocessing.Text wordText)
                {
                    wordText.Space = SpaceProcessingModeValues.Preserve;
                }
            }

            offset = end;
        }

        return true;
    }
}
