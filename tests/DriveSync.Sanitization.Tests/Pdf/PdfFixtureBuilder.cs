using System.Globalization;
using System.Text;
using PdfSharp.Pdf;
using PdfSharp.Pdf.IO;

namespace DriveSync.Sanitization.Tests.Pdf;

/// <summary>Builds fixture PDFs with PDFsharp's object model: standard Helvetica with WinAnsi or Differences encodings, an Identity-H Type0 font, images, form XObjects and document-level extras.</summary>
internal sealed class PdfFixtureBuilder
{
    private readonly Dictionary<string, PdfDictionary> fonts = new(StringComparer.Ordinal);
    private readonly Dictionary<string, PdfDictionary> xobjects = new(StringComparer.Ordinal);

    public PdfDocument Document { get; } = new();

    /// <summary>Adds Helvetica with WinAnsiEncoding and its widths as /F1 (and returns this builder).</summary>
    public PdfFixtureBuilder WithHelvetica(string name = "F1")
    {
        var font = NewObject();
        font.Elements["/Type"] = new PdfName("/Font");
        font.Elements["/Subtype"] = new PdfName("/Type1");
        font.Elements["/BaseFont"] = new PdfName("/Helvetica");
        font.Elements["/Encoding"] = new PdfName("/WinAnsiEncoding");
        AddWidths(font, HelveticaWidths.FirstChar, HelveticaWidths.Ascii);
        fonts[name] = font;
        return this;
    }

    /// <summary>Adds a non-embedded font with WinAnsiEncoding and no /Widths (allowed for the standard 14 fonts; report generators write this).</summary>
    public PdfFixtureBuilder WithFontWithoutWidths(string baseFont, string name = "F5")
    {
        var font = NewObject();
        font.Elements["/Type"] = new PdfName("/Font");
        font.Elements["/Subtype"] = new PdfName("/Type1");
        font.Elements["/BaseFont"] = new PdfName("/" + baseFont);
        font.Elements["/Encoding"] = new PdfName("/WinAnsiEncoding");
        fonts[name] = font;
        return this;
    }

    /// <summary>Adds Helvetica whose codes 1–95 are the printable ASCII glyphs, named through an encoding's /Differences (no ToUnicode).</summary>
    public PdfFixtureBuilder WithDifferencesFont(string name = "F2")
    {
        var names = new StringBuilder("[1");
        foreach (var c in Enumerable.Range(32, 95).Select(i => (char)i))
        {
            names.Append(" /").Append(GlyphName(c));
        }

        var font = NewObject();
        font.Elements["/Type"] = new PdfName("/Font");
        font.Elements["/Subtype"] = new PdfName("/Type1");
        font.Elements["/BaseFont"] = new PdfName("/Helvetica");
        var encoding = new PdfDictionary(Document);
        encoding.Elements["/Type"] = new PdfName("/Encoding");
        encoding.Elements["/Differences"] = Parse(names.Append(']').ToString());
        font.Elements["/Encoding"] = encoding;
        AddWidths(font, 1, HelveticaWidths.Ascii);
        fonts[name] = font;
        return this;
    }

    /// <summary>Adds a Type0 font with Identity-H (CID = Unicode code point), a ToUnicode map and /W widths.</summary>
    public PdfFixtureBuilder WithIdentityFont(string name = "F3", bool toUnicode = true)
    {
        var descendant = NewObject();
        descendant.Elements["/Type"] = new PdfName("/Font");
        descendant.Elements["/Subtype"] = new PdfName("/CIDFontType2");
        descendant.Elements["/BaseFont"] = new PdfName("/Helvetica");
        descendant.Elements["/CIDToGIDMap"] = new PdfName("/Identity");
        descendant.Elements["/CIDSystemInfo"] = Parse("<</Registry (Adobe) /Ordering (Identity) /Supplement 0>>");
        descendant.Elements["/DW"] = new PdfInteger(1000);
        descendant.Elements["/W"] = Parse("[32 [" + string.Join(' ', HelveticaWidths.Ascii) + "]]");
        descendant.Elements["/FontDescriptor"] = Descriptor(flags: 32).Reference;

        var font = NewObject();
        font.Elements["/Type"] = new PdfName("/Font");
        font.Elements["/Subtype"] = new PdfName("/Type0");
        font.Elements["/BaseFont"] = new PdfName("/Helvetica");
        font.Elements["/Encoding"] = new PdfName("/Identity-H");
        font.Elements["/DescendantFonts"] = Array(descendant.Reference!);
        if (toUnicode)
        {
            var cmap = "/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CMapName /Fixture def /CMapType 2 def\n"
                + "1 begincodespacerange <0000> <FFFF> endcodespacerange\n"
                + "1 beginbfrange <0020> <007E> <0020> endbfrange\n"
                + "1 beginbfchar <00E9> <00E9> endbfchar\nendcmap CMapName currentdict /CMap defineresource pop end end\n";
            font.Elements["/ToUnicode"] = Stream(Encoding.ASCII.GetBytes(cmap)).Reference;
        }

        fonts[name] = font;
        return this;
    }

    /// <summary>Adds an embedded (clear-text only) Type1 program whose built-in encoding maps codes 1–95 to the printable ASCII glyphs; the font dictionary has no /Encoding and no ToUnicode.</summary>
    public PdfFixtureBuilder WithBuiltInEncodingFont(string name = "F4")
    {
        var program = new StringBuilder("%!PS-AdobeFont-1.0: Fixture 001.000\n/FontName /Fixture def\n/Encoding 256 array\n0 1 255 {1 index exch /.notdef put} for\n");
        foreach (var c in Enumerable.Range(32, 95).Select(i => (char)i))
        {
            program.Append(CultureInfo.InvariantCulture, $"dup {c - 31} /{GlyphName(c)} put\n");
        }

        program.Append("readonly def\ncurrentdict end\ncurrentfile eexec\n");
        var fontFile = Stream(Encoding.ASCII.GetBytes(program.ToString()));
        fontFile.Elements["/Length1"] = new PdfInteger(program.Length);
        fontFile.Elements["/Length2"] = new PdfInteger(0);
        fontFile.Elements["/Length3"] = new PdfInteger(0);
        var descriptor = Descriptor(flags: 4);
        descriptor.Elements["/FontFile"] = fontFile.Reference;

        var font = NewObject();
        font.Elements["/Type"] = new PdfName("/Font");
        font.Elements["/Subtype"] = new PdfName("/Type1");
        font.Elements["/BaseFont"] = new PdfName("/ABCDEF+Fixture");
        font.Elements["/FontDescriptor"] = descriptor.Reference;
        AddWidths(font, 1, HelveticaWidths.Ascii);
        fonts[name] = font;
        return this;
    }

    /// <summary>Adds a symbolic TrueType font with no encoding and no ToUnicode: its codes have no text.</summary>
    public PdfFixtureBuilder WithUnmappedFont(string name = "F9")
    {
        var font = NewObject();
        font.Elements["/Type"] = new PdfName("/Font");
        font.Elements["/Subtype"] = new PdfName("/TrueType");
        font.Elements["/BaseFont"] = new PdfName("/ABCDEF+Symbolic");
        font.Elements["/FontDescriptor"] = Descriptor(flags: 4).Reference;
        AddWidths(font, HelveticaWidths.FirstChar, HelveticaWidths.Ascii);
        fonts[name] = font;
        return this;
    }

    /// <summary>Adds a 2×2 grey image XObject.</summary>
    public PdfFixtureBuilder WithImage(string name = "Im1")
    {
        var image = Stream([0x20, 0x80, 0x80, 0x20]);
        image.Elements["/Type"] = new PdfName("/XObject");
        image.Elements["/Subtype"] = new PdfName("/Image");
        image.Elements["/Width"] = new PdfInteger(2);
        image.Elements["/Height"] = new PdfInteger(2);
        image.Elements["/ColorSpace"] = new PdfName("/DeviceGray");
        image.Elements["/BitsPerComponent"] = new PdfInteger(8);
        xobjects[name] = image;
        return this;
    }

    /// <summary>Adds a form XObject with the given content (it may use the fonts added so far).</summary>
    public PdfFixtureBuilder WithForm(string name, string content)
    {
        var form = Stream(Encoding.Latin1.GetBytes(content));
        form.Elements["/Type"] = new PdfName("/XObject");
        form.Elements["/Subtype"] = new PdfName("/Form");
        form.Elements["/BBox"] = Parse("[0 0 612 792]");
        form.Elements["/Resources"] = Resources();
        xobjects[name] = form;
        return this;
    }

    /// <summary>Adds a US-letter page with this content and every font and XObject added so far.</summary>
    public PdfPage AddPage(string content)
    {
        var page = Document.AddPage();
        page.Width = PdfSharp.Drawing.XUnit.FromPoint(612);
        page.Height = PdfSharp.Drawing.XUnit.FromPoint(792);
        page.Elements["/Resources"] = Resources();
        var stream = Stream(Encoding.Latin1.GetBytes(content));
        page.Elements["/Contents"] = stream.Reference;
        return page;
    }

    public PdfFixtureBuilder AddPage(PdfContentBuilder content)
    {
        AddPage(content.ToString());
        return this;
    }

    /// <summary>A new indirect stream object with these (unfiltered) bytes.</summary>
    public PdfDictionary Stream(byte[] bytes)
    {
        var stream = NewObject();
        stream.CreateStream(bytes);
        return stream;
    }

    /// <summary>A new indirect dictionary.</summary>
    public PdfDictionary NewObject()
    {
        var dictionary = new PdfDictionary(Document);
        Document.Internals.AddObject(dictionary);
        return dictionary;
    }

    public PdfArray Array(params PdfItem[] items)
    {
        var array = new PdfArray(Document);
        foreach (var item in items)
        {
            array.Elements.Add(item);
        }

        return array;
    }

    /// <summary>Parses a direct PDF object written in PDF syntax (dictionaries, arrays, numbers, names, strings).</summary>
    public PdfItem Parse(string pdfSyntax)
    {
        var probe = new PdfDocument();
        var holder = new PdfDictionary(probe);
        probe.Internals.AddObject(holder);
        probe.Internals.Catalog.Elements["/Probe"] = holder.Reference;
        var bytes = Encoding.Latin1.GetBytes("%PDF-1.4\n1 0 obj\n<</Type/Catalog/Pages 2 0 R/Probe " + pdfSyntax + ">>\nendobj\n2 0 obj\n<</Type/Pages/Kids[]/Count 0>>\nendobj\n");
        var xref = bytes.Length;
        var offset2 = Encoding.Latin1.GetString(bytes).IndexOf("2 0 obj", StringComparison.Ordinal);
        var tail = string.Create(CultureInfo.InvariantCulture, $"xref\n0 3\n0000000000 65535 f\r\n0000000009 00000 n\r\n{offset2:D10} 00000 n\r\ntrailer\n<</Size 3/Root 1 0 R>>\nstartxref\n{xref}\n%%EOF\n");
        var parsed = PdfReader.Open(new MemoryStream([.. bytes, .. Encoding.Latin1.GetBytes(tail)]), PdfDocumentOpenMode.Import);
        return Copy(parsed.Internals.Catalog.Elements["/Probe"]!);
    }

    public byte[] Save()
    {
        var output = new MemoryStream();
        Document.Save(output, false);
        return output.ToArray();
    }

    private PdfItem Copy(PdfItem item) => item switch
    {
        PdfDictionary source => CopyDictionary(source),
        PdfArray source => Array(source.Elements.Select(Copy).ToArray()),
        _ => item,
    };

    private PdfDictionary CopyDictionary(PdfDictionary source)
    {
        var copy = new PdfDictionary(Document);
        foreach (var key in source.Elements.Keys)
        {
            copy.Elements[key] = Copy(source.Elements[key]!);
        }

        return copy;
    }

    private PdfDictionary Resources()
    {
        var resources = new PdfDictionary(Document);
        var fontDictionary = new PdfDictionary(Document);
        foreach (var (name, font) in fonts)
        {
            fontDictionary.Elements["/" + name] = font.Reference;
        }

        resources.Elements["/Font"] = fontDictionary;
        if (xobjects.Count > 0)
        {
            var xobjectDictionary = new PdfDictionary(Document);
            foreach (var (name, xobject) in xobjects)
            {
                xobjectDictionary.Elements["/" + name] = xobject.Reference;
            }

            resources.Elements["/XObject"] = xobjectDictionary;
        }

        return resources;
    }

    private PdfDictionary Descriptor(int flags)
    {
        var descriptor = NewObject();
        descriptor.Elements["/Type"] = new PdfName("/FontDescriptor");
        descriptor.Elements["/FontName"] = new PdfName("/Helvetica");
        descriptor.Elements["/Flags"] = new PdfInteger(flags);
        descriptor.Elements["/FontBBox"] = Parse("[-166 -225 1000 931]");
        descriptor.Elements["/ItalicAngle"] = new PdfInteger(0);
        descriptor.Elements["/Ascent"] = new PdfInteger(718);
        descriptor.Elements["/Descent"] = new PdfInteger(-207);
        descriptor.Elements["/CapHeight"] = new PdfInteger(718);
        descriptor.Elements["/StemV"] = new PdfInteger(88);
        return descriptor;
    }

    private void AddWidths(PdfDictionary font, int firstChar, int[] widths)
    {
        font.Elements["/FirstChar"] = new PdfInteger(firstChar);
        font.Elements["/LastChar"] = new PdfInteger(firstChar + widths.Length - 1);
        font.Elements["/Widths"] = Array(widths.Select(w => (PdfItem)new PdfInteger(w)).ToArray());
    }

    private static string GlyphName(char c) => c switch
    {
        ' ' => "space", '!' => "exclam", '"' => "quotedbl", '#' => "numbersign", '$' => "dollar", '%' => "percent", '&' => "ampersand",
        '\'' => "quotesingle", '(' => "parenleft", ')' => "parenright", '*' => "asterisk", '+' => "plus", ',' => "comma", '-' => "hyphen",
        '.' => "period", '/' => "slash", '0' => "zero", '1' => "one", '2' => "two", '3' => "three", '4' => "four", '5' => "five",
        '6' => "six", '7' => "seven", '8' => "eight", '9' => "nine", ':' => "colon", ';' => "semicolon", '<' => "less", '=' => "equal",
        '>' => "greater", '?' => "question", '@' => "at", '[' => "bracketleft", '\\' => "backslash", ']' => "bracketright",
        '^' => "asciicircum", '_' => "underscore", '`' => "grave", '{' => "braceleft", '|' => "bar", '}' => "braceright", '~' => "asciitilde",
        _ => c.ToString(),
    };
}
