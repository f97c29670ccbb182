using DocumentFormat.OpenXml.Packaging;
using S = DocumentFormat.OpenXml.Spreadsheet;
using W = DocumentFormat.OpenXml.Wordprocessing;

namespace DriveSync.Sanitization.Tests;

/// <summary>One notion of a table with a header in every format: columns typed by header vocabulary or by their values.</summary>
public sealed class TableTests
{
    [Fact]
    public async Task SanitizeAsync_SemicolonCsvWithRoleHeadersAndInferredPhones_RedactsColumnsKeepsOrderIds()
    {
        const string input = "Order;Payer;Primary;Notes\n" +
            "8812345678;Brian Clark;3055550136;ok\n" +
            "8812345679;Maria Garcia;2125550100;Route 66\n" +
            "8812345680;Tom Hardy;4155550199;Suite 200 v3.1\n";

        var (_, output) = await SanitizerHarness.RunTextAsync("payments.csv", input);

        Assert.Equal("Order;Payer;Primary;Notes\n" +
            "8812345678;[NAME];[PHONE];ok\n" +
            "8812345679;[NAME];[PHONE];Route 66\n" +
            "8812345680;[NAME];[PHONE];Suite 200 v3.1\n", output);
    }

    [Fact]
    public async Task SanitizeAsync_TsvColumnOfNamesUnderUnknownHeader_InferredAsNames()
    {
        const string input = "ref\twho\tcompany\n1\tJennifer Lopez\tAcme Corp\n2\tDavid Okafor\tGlobex Industries\n3\tSarah Kim\tInitech\n";

        var (_, output) = await SanitizerHarness.RunTextAsync("people.tsv", input);

        Assert.Equal("ref\twho\tcompany\n1\t[NAME]\tAcme Corp\n2\t[NAME]\tGlobex Industries\n3\t[NAME]\tInitech\n", output);
    }

    [Theory]
    [InlineData("Employee")]
    [InlineData("customer")]
    [InlineData("Cardholder Name")]
    [InlineData("Account Holder")]
    [InlineData("Beneficiary")]
    [InlineData("DL #")]
    public async Task SanitizeAsync_CsvRoleHeader_RedactsColumn(string header)
    {
        var (_, output) = await SanitizerHarness.RunTextAsync("h.csv", $"id,{header}\n1,Acme Widget\n");

        Assert.DoesNotContain("Acme Widget", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SanitizeAsync_MarkdownPipeTable_RedactsPiiColumnsAndLabelCells()
    {
        const string input = "# Incident 42\n\n| Customer | Order | Phone | Status |\n|---|:---:|---|---|\n" +
            "| Jane Roe | 1234567890 | 3055550136 | open |\n| Brian Clark | 1234567891 | | closed |\n\n" +
            "| Field | Value |\n| --- | --- |\n| Name | Maria Garcia |\n| Order | 9876543210 |\n\nRoute 66 stays.\n";

        var (_, output) = await SanitizerHarness.RunTextAsync("incident.md", input);

        Assert.Equal("# Incident 42\n\n| Customer | Order | Phone | Status |\n|---|:---:|---|---|\n" +
            "| [NAME] | 1234567890 | [PHONE] | open |\n| [NAME] | 1234567891 | | closed |\n\n" +
            "| Field | Value |\n| --- | --- |\n| Name | [NAME] |\n| Order | 9876543210 |\n\nRoute 66 stays.\n", output);
    }

    [Fact]
    public async Task SanitizeAsync_HtmlTable_RedactsHeaderColumnsAndLabelCellsKeepsMarkup()
    {
        const string input = "<table><tr><th>Employee</th><th>Order</th></tr>" +
            "<tr><td><b>Jane Roe</b></td><td>1234567890</td></tr></table>\n" +
            "<table><tr><th>Patient</th><td>Brian Clark</td></tr><tr><td>Phone</td><td>3055550136</td></tr><tr><td>Plan</td><td>Gold</td></tr></table>\n";

        var (_, output) = await SanitizerHarness.RunTextAsync("portal.html", input);

        Assert.Equal("<table><tr><th>Employee</th><th>Order</th></tr>" +
            "<tr><td><b>[NAME]</b></td><td>1234567890</td></tr></table>\n" +
            "<table><tr><th>Patient</th><td>[NAME]</td></tr><tr><td>Phone</td><td>[PHONE]</td></tr><tr><td>Plan</td><td>Gold</td></tr></table>\n", output);
    }

    [Fact]
    public async Task SanitizeAsync_XlsxColumnsInferredFromValues_RedactedOrderIdsKept()
    {
        var input = OfficeFixtures.XlsxRows(
            ["Order", "Contact", "Primary", "Company"],
            [8812345678d, "Brian Clark", 3055550136d, "Acme Corp"],
            [8812345679d, "Maria Garcia", 2125550100d, "Globex Industries"],
            [8812345680d, "Tom Hardy", 4155550199d, "Initech"]);

        var (outcome, output) = await SanitizerHarness.RunAsync("payments.xlsx", input);

        Assert.True(outcome.IsSanitized, outcome.QuarantineReason);
        using var document = SpreadsheetDocument.Open(new MemoryStream(output), false);
        var cells = document.WorkbookPart!.WorksheetParts.Single().Worksheet.Descendants<S.Cell>()
            .ToDictionary(c => c.CellReference!.Value!, c => c.InlineString?.InnerText ?? c.CellValue?.Text ?? "");
        Assert.Equal(["8812345678", "[NAME]", "[PHONE]"], [cells["A2"], cells["B2"], cells["C2"]]);
        Assert.Equal("8812345680", cells["A4"]);
        Assert.Equal(3, outcome.CountsByType[PiiTypes.Name]);
        Assert.Contains("Acme Corp", OfficeFixtures.AllText(output, ".xlsx"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SanitizeAsync_DocxTable_RedactsHeaderColumnAndLabelCells()
    {
        var input = OfficeFixtures.Docx(body => body.Append(
            Table(["Payer", "Order", "Amount"], ["Brian Clark", "1234567890", "$12.00"], ["Maria Garcia", "1234567891", "$7.50"]),
            Table(["Field", "Value"], ["Name", "Tom Hardy"], ["Driver's License", "M935-0602-3290"], ["Plan", "Gold"])), creator: null);

        var (outcome, output) = await SanitizerHarness.RunAsync("table.docx", input);

        Assert.True(outcome.IsSanitized, outcome.QuarantineReason);
        var text = OfficeFixtures.AllText(output, ".docx");
        foreach (var secret in new[] { "Brian Clark", "Maria Garcia", "Tom Hardy", "M935-0602-3290" })
        {
            Assert.DoesNotContain(secret, text, StringComparison.Ordinal);
        }

        foreach (var kept in new[] { "1234567890", "$12.00", "Gold", "Payer", "Driver's License" })
        {
            Assert.Contains(kept, text, StringComparison.Ordinal);
        }
    }

    private static W.Table Table(params string[][] rows) =>
        new([.. rows.Select(r => new W.TableRow([.. r.Select(c => new W.TableCell(OfficeFixtures.Paragraph(c)))]))]);
}
