using System.IO.Compression;
using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace DriveSync.Host.Tests.Cli;

/// <summary>
/// An input tree for <c>drivesync sanitize</c> with planted PII, look-alikes and hostile files, and what the CLI must
/// make of each file (its relative output path, or none when it must be quarantined).
/// </summary>
public sealed class SanitizeTree : IDisposable
{
    public const string Ssn = "078-05-1120";
    public const string Email = "john.doe@example.com";
    public const string Phone = "(415) 555-0142";
    public const string Card = "4111 1111 1111 1111";
    public const string Iban = "DE89 3704 0044 0532 0130 00";

    /// <summary>Values that look like PII but are not (wrong checksums, invalid ranges, dates, money): they must survive.</summary>
    public static IReadOnlyList<string> LookAlikes { get; } =
    [
        "2024-01-15", "ZIP 94105-1234", "000-12-3456", "DE00 3704 0044 0532 0130 00", "4111 1111 1111 1112", "$1,234.56", "form 1040 line 12",
    ];

    /// <summary>Every planted value, in the spellings that must appear nowhere in outputs, names or printed text.</summary>
    public static IReadOnlyList<string> Planted { get; } = [Ssn, "078051120", Email, "john.doe", Phone, "555-0142", Card, "4111111111111111", Iban, "DE89370400440532013000", "123-45-6789"];

    public static readonly byte[] InvalidUtf8Prefix = [(byte)'x', (byte)' ', 0xFF, 0xFE, (byte)' ', 0xC3, 0x28, (byte)' ', 0xE2, 0x82, (byte)' '];
    public static readonly byte[] InvalidUtf8Suffix = [(byte)' ', 0xF0, 0x9F, 0x98, (byte)' ', 0xC0, 0xAF, (byte)'\n'];

    public SanitizeTree()
    {
        Root = Directory.CreateTempSubdirectory("drivesync-cli-").FullName;
        Input = Path.Combine(Root, "in");
        Output = Path.Combine(Root, "out");
        Directory.CreateDirectory(Path.Combine(Input, "sub", "deeper"));

        Write("notice.txt", Encoding.UTF8.GetBytes(NoticeText()));
        Write("sub/people.csv", Encoding.UTF8.GetBytes($"id,email,note\n1,{Email},ok\n2,x@example.org,\"call {Phone}\"\n3,none,{LookAlikes[5]}\n"));
        Write("sub/deeper/letter.docx", Docx($"Dear customer, your SSN {Ssn} and card {Card} are on file. Reference {LookAlikes[0]}."));
        Write("corrupt.docx", [.. "PK\u0003\u0004"u8, .. Enumerable.Repeat((byte)0x5A, 300)]);
        Write("empty.txt", []);
        Write("bytes.txt", [.. InvalidUtf8Prefix, .. Encoding.ASCII.GetBytes($"SSN {Ssn}"), .. InvalidUtf8Suffix]);
        Write("long.txt", LongLine());
        Write("bomb.docx", ZipBombDocx());
        Write($"{Email} 123-45-6789.txt", Encoding.UTF8.GetBytes("A file whose name is personal data.\n"));
        Write("..\\..\\escape.txt", Encoding.UTF8.GetBytes("backslash traversal in a name\n"));
        Directory.CreateDirectory(Path.Combine(Input, "..\\..", "..."));
        Write("..\\../.../nested.txt", Encoding.UTF8.GetBytes($"nested under odd names, phone {Phone}\n"));
        Write("photo.png", Canary.Image);
        Write("data.bin", [0x00, 0x01, 0x02, 0x00, 0xFF, 0x10, 0x00, 0x7F]);
        Write("report 078-05-1120.txt", Encoding.UTF8.GetBytes("first of two names that sanitize alike\n"));
        Write("report 219-09-9998.txt", Encoding.UTF8.GetBytes("second of two names that sanitize alike\n"));
    }

    public string Root { get; }
    public string Input { get; }
    public string Output { get; }

    /// <summary>The input's relative path → the sanitized relative output path, or null when the file must be quarantined.</summary>
    public static IReadOnlyDictionary<string, string?> Expected { get; } = new Dictionary<string, string?>
    {
        ["notice.txt"] = "notice.txt",
        ["sub/people.csv"] = "sub/people.csv",
        ["sub/deeper/letter.docx"] = "sub/deeper/letter.docx",
        ["bytes.txt"] = "bytes.txt",
        ["long.txt"] = "long.txt",
        [$"{Email} 123-45-6789.txt"] = "[EMAIL] [SSN].txt",
        ["..\\..\\escape.txt"] = ".._.._escape.txt",
        ["..\\../.../nested.txt"] = ".._/unnamed/nested.txt",
        ["report 078-05-1120.txt"] = "report [SSN].txt",
        ["report 219-09-9998.txt"] = "report [SSN] (2).txt",
        ["corrupt.docx"] = null,
        ["empty.txt"] = null,
        ["bomb.docx"] = null,
        ["photo.png"] = null,
        ["data.bin"] = null,
    };

    /// <summary>20 MB with no line break; PII at the start, across the middle and at the very end.</summary>
    public static byte[] LongLine()
    {
        var builder = new StringBuilder(20 * 1024 * 1024 + 100);
        builder.Append("SSN ").Append(Ssn).Append(' ');
        while (builder.Length < 10 * 1024 * 1024)
        {
            builder.Append("lorem ipsum 42 ");
        }

        builder.Append("mail ").Append(Email).Append(' ');
        while (builder.Length < 20 * 1024 * 1024)
        {
            builder.Append("dolor sit amet ");
        }

        builder.Append("card ").Append(Card);
        return Encoding.ASCII.GetBytes(builder.ToString());
    }

    /// <summary>A DOCX whose word/document.xml inflates to 200 MB from a few hundred KB on disk (ratio ≫ 100).</summary>
    public static byte[] ZipBombDocx()
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            WriteEntry(zip, "[Content_Types].xml", """<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>""");
            WriteEntry(zip, "_rels/.rels", """<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>""");
            var entry = zip.CreateEntry("word/document.xml", CompressionLevel.SmallestSize);
            using var stream = entry.Open();
            stream.Write("""<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>"""u8);
            var paragraph = Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat($"<w:p><w:r><w:t>SSN {Ssn}</w:t></w:r></w:p>", 1024)));
            for (long written = 0; written < 200L * 1024 * 1024; written += paragraph.Length)
            {
                stream.Write(paragraph);
            }

            stream.Write("</w:body></w:document>"u8);
        }

        return buffer.ToArray();
    }

    /// <summary>A real DOCX (DocumentFormat.OpenXml) with one paragraph of <paramref name="text"/>.</summary>
    public static byte[] Docx(string text)
    {
        using var buffer = new MemoryStream();
        using (var document = WordprocessingDocument.Create(buffer, WordprocessingDocumentType.Document))
        {
            var main = document.AddMainDocumentPart();
            main.Document = new Document(new Body(new Paragraph(new Run(new Text(text) { Space = SpaceProcessingModeValues.Preserve }))));
            main.Document.Save();
        }

        return buffer.ToArray();
    }

    /// <summary>The text of every paragraph of a DOCX.</summary>
    public static string DocxText(string path)
    {
        using var document = WordprocessingDocument.Open(path, false);
        return string.Join("\n", document.MainDocumentPart!.Document.Body!.Descendants<Paragraph>().Select(p => p.InnerText));
    }

    public static string NoticeText() => $"""
        Notice of assessment
        Name: John Doe
        SSN: {Ssn}
        Email: {Email}
        Phone: {Phone}
        Card: {Card}
        IBAN: {Iban}
        Look-alikes: date {LookAlikes[0]}, {LookAlikes[1]}, bad SSN {LookAlikes[2]}, bad IBAN {LookAlikes[3]}, bad card {LookAlikes[4]}, total {LookAlikes[5]}, {LookAlikes[6]}

        """;

    public void Dispose() => Directory.Delete(Root, recursive: true);

    private void Write(string relative, byte[] bytes) => File.WriteAllBytes(Path.Combine(Input, relative.Replace('/', Path.DirectorySeparatorChar)), bytes);

    private static void WriteEntry(ZipArchive zip, string name, string content)
    {
        using var stream = zip.CreateEntry(name).Open();
        stream.Write(Encoding.UTF8.GetBytes(content));
    }
}
