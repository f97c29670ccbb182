using System.Globalization;

namespace DriveSync.Sanitization.Tests.Pdf;

/// <summary>The PDFsharp-written fixtures: planted values the detectors must remove, look-alikes and surrounding text that must survive.</summary>
internal static class PdfFixtures
{
    public const string Ssn = "524-71-3398";
    public const string KernedSsn = "611-22-3344";
    public const string Email = "jane.doe@example.com";
    public const string Phone = "(415) 555-0199";
    public const string Account = "4111-2222-3333";

    /// <summary>Values no redacted output may contain.</summary>
    public static readonly string[] Planted = [Ssn, KernedSsn, Email, Phone, Account];

    /// <summary>Text that must survive: look-alikes (dates, form numbers, ZIP+4, money) and the words around the planted values.</summary>
    public static readonly string[] Survivors =
    [
        "Notice CP2000", "Tax year 2023", "November 15, 2024", "Form 1040-ES", "94105-1234", "$1,234.56", "Taxpayer ID number:", "appears on the enclosed statement",
        "statement period 2024-10", "Card purchase #1001", "Ref 2024-5001", "$20.25", "The right column holds the", "Left column opens the page and",
    ];

    /// <summary>A CP2000-style letter in Helvetica (WinAnsi), including a kerned TJ line.</summary>
    public static byte[] Cp2000Letter(int pages = 1)
    {
        var builder = new PdfFixtureBuilder().WithHelvetica();
        for (var page = 0; page < pages; page++)
        {
            builder.AddPage(LetterBody(new PdfContentBuilder(), "F1", null));
        }

        return builder.Save();
    }

    /// <summary>The same letter in a Type0 font with Identity-H and a ToUnicode map.</summary>
    public static byte[] IdentityFontLetter() =>
        new PdfFixtureBuilder().WithIdentityFont("F1").AddPage(LetterBody(new PdfContentBuilder(), "F1", TextEncoders.Identity)).Save();

    /// <summary>The same letter in a font whose codes are named by an encoding's /Differences (no ToUnicode).</summary>
    public static byte[] DifferencesFontLetter() =>
        new PdfFixtureBuilder().WithDifferencesFont("F1").AddPage(LetterBody(new PdfContentBuilder(), "F1", TextEncoders.Differences)).Save();

    /// <summary>The letter with every glyph shown by its own Tj at its own text matrix.</summary>
    public static byte[] GlyphPerTjLetter()
    {
        var content = new PdfContentBuilder();
        var y = 720.0;
        foreach (var line in LetterLines())
        {
            content.GlyphPerTj("F1", 11, 72, y, line);
            y -= 16;
        }

        return new PdfFixtureBuilder().WithHelvetica().AddPage(content).Save();
    }

    /// <summary>A table-heavy statement: header, rules and rows of cells placed one by one; <paramref name="pages"/> pages of 40 rows.</summary>
    public static byte[] Statement(int pages)
    {
        var builder = new PdfFixtureBuilder().WithHelvetica();
        for (var page = 0; page < pages; page++)
        {
            var content = new PdfContentBuilder()
                .Text("F1", 14, 72, 740, "Account statement")
                .Text("F1", 9, 72, 722, "Customer SSN " + Ssn + " - statement period 2024-10")
                .Rule(72, 708, 468, 1);
            string[] header = ["Date", "Description", "Account", "Amount"];
            double[] columns = [72, 140, 330, 470];
            for (var c = 0; c < header.Length; c++)
            {
                content.Text("F1", 9, columns[c], 712, header[c]);
            }

            for (var row = 0; row < 40; row++)
            {
                var y = 694 - (row * 15);
                var day = ((row + page) % 28) + 1;
                content.Text("F1", 9, columns[0], y, string.Create(CultureInfo.InvariantCulture, $"2024-10-{day:D2}"))
                    .Text("F1", 9, columns[1], y, row % 5 == 0 ? "Transfer to " + Email : "Card purchase #" + (1000 + row).ToString(CultureInfo.InvariantCulture))
                    .Text("F1", 9, columns[2], y, row % 3 == 0 ? Account : "Ref 2024-" + (5000 + row).ToString(CultureInfo.InvariantCulture))
                    .Text("F1", 9, columns[3], y, string.Create(CultureInfo.InvariantCulture, $"${(row * 17.25) + 3:0.00}"))
                    .Rule(72, y - 4, 468, 0.3);
            }

            builder.AddPage(content);
        }

        return builder.Save();
    }

    /// <summary>A two-column page: the columns' lines share baselines; the SSN sits in the right column, the e-mail in the left.</summary>
    public static byte[] TwoColumn()
    {
        string[] left =
        [
            "Left column opens the page and", "continues the story down the", "page. Write to " + Email, "for any question about the", "Form 1040-ES estimate.",
        ];
        string[] right =
        [
            "The right column holds the", "taxpayer record: SSN " + Ssn, "and the note that the", "Tax year 2023 is open.", "End of the right column.",
        ];
        var content = new PdfContentBuilder();
        for (var i = 0; i < left.Length; i++)
        {
            content.Text("F1", 10, 72, 700 - (i * 14), left[i]).Text("F1", 10, 320, 700 - (i * 14), right[i]);
        }

        return new PdfFixtureBuilder().WithHelvetica().AddPage(content).Save();
    }

    public static IEnumerable<string> LetterLines() =>
    [
        "Department of the Treasury - Internal Revenue Service",
        "Notice CP2000      Tax year 2023      Notice date November 15, 2024",
        "JANE Q DOE",
        "1200 MARKET ST APT 5, SAN FRANCISCO CA 94105-1234",
        "Taxpayer ID number: " + Ssn,
        "Your SSN " + Ssn + " appears on the enclosed statement.",
        "Contact us at " + Email + " or call " + Phone + " today.",
        "Form 1040-ES payments received: $1,234.56",
        "Statement account " + Account + " was reviewed.",
    ];

    private static PdfContentBuilder LetterBody(PdfContentBuilder content, string font, Func<string, string>? encode)
    {
        var y = 720.0;
        foreach (var line in LetterLines())
        {
            content.Text(font, 11, 72, y, line, encode);
            y -= 16;
        }

        return content.Kerned(font, 11, 72, y, encode, "Second SSN: ", KernedSsn, " closes the letter.");
    }
}
