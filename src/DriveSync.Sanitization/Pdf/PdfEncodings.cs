using System.Globalization;
using System.Text;

namespace DriveSync.Sanitization.Pdf;

/// <summary>The standard simple-font encodings (code → Unicode) and glyph names (name → Unicode).</summary>
internal static class PdfEncodings
{
    private static readonly string?[] WinAnsiNames =
    [
        "space", "exclam", "quotedbl", "numbersign", "dollar", "percent", "ampersand", "quotesingle", "parenleft", "parenright", "asterisk", "plus", "comma", "hyphen", "period", "slash",
        "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "colon", "semicolon", "less", "equal", "greater", "question",
        "at", "A", "B", "C", "D", "E", "F", "G", "H", "I", "J", "K", "L", "M", "N", "O",
        "P", "Q", "R", "S", "T", "U", "V", "W", "X", "Y", "Z", "bracketleft", "backslash", "bracketright", "asciicircum", "underscore",
        "grave", "a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l", "m", "n", "o",
        "p", "q", "r", "s", "t", "u", "v", "w", "x", "y", "z", "braceleft", "bar", "braceright", "asciitilde", null,
        "Euro", null, "quotesinglbase", "florin", "quotedblbase", "ellipsis", "dagger", "daggerdbl", "circumflex", "perthousand", "Scaron", "guilsinglleft", "OE", null, "Zcaron", null,
        null, "quoteleft", "quoteright", "quotedblleft", "quotedblright", "bullet", "endash", "emdash", "tilde", "trademark", "scaron", "guilsinglright", "oe", null, "zcaron", "Ydieresis",
        "nbspace", "exclamdown", "cent", "sterling", "currency", "yen", "brokenbar", "section", "dieresis", "copyright", "ordfeminine", "guillemotleft", "logicalnot", "sfthyphen", "registered", "macron",
        "degree", "plusminus", "twosuperior", "threesuperior", "acute", "mu", "paragraph", "periodcentered", "cedilla", "onesuperior", "ordmasculine", "guillemotright", "onequarter", "onehalf", "threequarters", "questiondown",
        "Agrave", "Aacute", "Acircumflex", "Atilde", "Adieresis", "Aring", "AE", "Ccedilla", "Egrave", "Eacute", "Ecircumflex", "Edieresis", "Igrave", "Iacute", "Icircumflex", "Idieresis",
        "Eth", "Ntilde", "Ograve", "Oacute", "Ocircumflex", "Otilde", "Odieresis", "multiply", "Oslash", "Ugrave", "Uacute", "Ucircumflex", "Udieresis", "Yacute", "Thorn", "germandbls",
        "agrave", "aacute", "acircumflex", "atilde", "adieresis", "aring", "ae", "ccedilla", "egrave", "eacute", "ecircumflex", "edieresis", "igrave", "iacute", "icircumflex", "idieresis",
        "eth", "ntilde", "ograve", "oacute", "ocircumflex", "otilde", "odieresis", "divide", "oslash", "ugrave", "uacute", "ucircumflex", "udieresis", "yacute", "thorn", "ydieresis",
    ];

    private static readonly (int Code, string Name)[] StandardHighCodes =
    [
        (0xA1, "exclamdown"), (0xA2, "cent"), (0xA3, "sterling"), (0xA4, "fraction"), (0xA5, "yen"), (0xA6, "florin"), (0xA7, "section"), (0xA8, "currency"),
        (0xA9, "quotesingle"), (0xAA, "quotedblleft"), (0xAB, "guillemotleft"), (0xAC, "guilsinglleft"), (0xAD, "guilsinglright"), (0xAE, "fi"), (0xAF, "fl"),
        (0xB1, "endash"), (0xB2, "dagger"), (0xB3, "daggerdbl"), (0xB4, "periodcentered"), (0xB6, "paragraph"), (0xB7, "bullet"), (0xB8, "quotesinglbase"),
        (0xB9, "quotedblbase"), (0xBA, "quotedblright"), (0xBB, "guillemotright"), (0xBC, "ellipsis"), (0xBD, "perthousand"), (0xBF, "questiondown"),
        (0xC1, "grave"), (0xC2, "acute"), (0xC3, "circumflex"), (0xC4, "tilde"), (0xC5, "macron"), (0xC6, "breve"), (0xC7, "dotaccent"), (0xC8, "dieresis"),
        (0xCA, "ring"), (0xCB, "cedilla"), (0xCD, "hungarumlaut"), (0xCE, "ogonek"), (0xCF, "caron"), (0xD0, "emdash"), (0xE1, "AE"), (0xE3, "ordfeminine"),
        (0xE8, "Lslash"), (0xE9, "Oslash"), (0xEA, "OE"), (0xEB, "ordmasculine"), (0xF1, "ae"), (0xF5, "dotlessi"), (0xF8, "lslash"), (0xF9, "oslash"),
        (0xFA, "oe"), (0xFB, "germandbls"),
    ];

    private static readonly (string Name, string Text)[] ExtraGlyphNames =
    [
        ("space", " "), ("hyphen", "-"), ("fi", "\uFB01"), ("fl", "\uFB02"), ("ff", "\uFB00"), ("ffi", "\uFB03"), ("ffl", "\uFB04"), ("dotlessi", "\u0131"),
        ("minus", "\u2212"), ("fraction", "\u2044"), ("breve", "\u02D8"), ("dotaccent", "\u02D9"), ("ring", "\u02DA"), ("hungarumlaut", "\u02DD"),
        ("ogonek", "\u02DB"), ("caron", "\u02C7"), ("Lslash", "\u0141"), ("lslash", "\u0142"), ("nonbreakingspace", "\u00A0"), ("periodcentered", "\u00B7"),
        ("circlecopyrt", "\u00A9"), ("asteriskmath", "\u2217"), ("dotlessj", "\u0237"), ("arrowright", "\u2192"), ("arrowleft", "\u2190"),
    ];

    private static readonly Dictionary<string, string> GlyphNameTable = BuildGlyphNames();

    /// <summary>WinAnsiEncoding: code → Unicode (null where undefined).</summary>
    public static readonly string?[] WinAnsi = BuildFromNames(i => i is >= 0x20 and <= 0xFF ? WinAnsiNames[i - 0x20] : null);

    /// <summary>StandardEncoding: code → Unicode (null where undefined).</summary>
    public static readonly string?[] Standard = BuildStandard();

    /// <summary>MacRomanEncoding: code → Unicode (null where undefined).</summary>
    public static readonly string?[] MacRoman = BuildMacRoman();

    /// <summary>The encoding table for a base-encoding name, or null if unknown.</summary>
    public static string?[]? ByName(string? name) => name switch
    {
        "/WinAnsiEncoding" => WinAnsi,
        "/StandardEncoding" => Standard,
        "/MacRomanEncoding" => MacRoman,
        _ => null,
    };

    /// <summary>The Unicode text of a glyph name (Adobe Glyph List rules for uniXXXX, uXXXX[XX], suffixes and ligatures), or null.</summary>
    public static string? GlyphNameToUnicode(string name)
    {
        var dot = name.IndexOf('.', StringComparison.Ordinal);
        if (dot == 0)
        {
            return null;
        }

        if (dot > 0)
        {
            name = name[..dot];
        }

        if (name.Contains('_', StringComparison.Ordinal))
        {
            var builder = new StringBuilder();
            foreach (var part in name.Split('_'))
            {
                var text = GlyphNameToUnicode(part);
                if (text is null)
                {
                    return null;
                }

                builder.Append(text);
            }

            return builder.ToString();
        }

        if (GlyphNameTable.TryGetValue(name, out var known))
        {
            return known;
        }

        if (name.StartsWith("uni", StringComparison.Ordinal) && name.Length >= 7 && (name.Length - 3) % 4 == 0)
        {
            var builder = new StringBuilder();
            for (var i = 3; i < name.Length; i += 4)
            {
                if (!int.TryParse(name.AsSpan(i, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var unit) || unit is >= 0xD800 and <= 0xDFFF)
                {
                    return null;
                }

                builder.Append((char)unit);
            }

            return builder.ToString();
        }

        if (name.Length is >= 5 and <= 7 && name[0] == 'u'
            && int.TryParse(name.AsSpan(1), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var scalar)
            && scalar is (>= 0 and < 0xD800) or (> 0xDFFF and <= 0x10FFFF))
        {
            return char.ConvertFromUtf32(scalar);
        }

        return null;
    }

    private static Dictionary<string, string> BuildGlyphNames()
    {
        var table = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, text) in ExtraGlyphNames)
        {
            table[name] = text;
        }

        var cp1252 = CodePagesEncodingProvider.Instance.GetEncoding(1252)!;
        for (var i = 0; i < WinAnsiNames.Length; i++)
        {
            var name = WinAnsiNames[i];
            if (name is not null && !table.ContainsKey(name))
            {
                table[name] = cp1252.GetString([(byte)(i + 0x20)]);
            }
        }

        table["nbspace"] = "\u00A0";
        table["sfthyphen"] = "\u00AD";
        return table;
    }

    private static string?[] BuildFromNames(Func<int, string?> nameOf)
    {
        var table = new string?[256];
        for (var code = 0; code < 256; code++)
        {
            var name = nameOf(code);
            table[code] = name is null ? null : GlyphNameToUnicode(name);
        }

        return table;
    }

    private static string?[] BuildStandard()
    {
        var table = BuildFromNames(i => i is >= 0x20 and < 0x7F ? WinAnsiNames[i - 0x20] : null);
        table[0x27] = "\u2019";
        table[0x60] = "\u2018";
        foreach (var (code, name) in StandardHighCodes)
        {
            table[code] = GlyphNameToUnicode(name);
        }

        return table;
    }

    private static string?[] BuildMacRoman()
    {
        var table = BuildFromNames(i => i is >= 0x20 and < 0x7F ? WinAnsiNames[i - 0x20] : null);
        var macRoman = CodePagesEncodingProvider.Instance.GetEncoding(10000)!;
        for (var code = 0x80; code < 256; code++)
        {
            table[code] = macRoman.GetString([(byte)code]);
        }

        return table;
    }
}
