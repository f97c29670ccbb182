using System.Text;
using DriveSync.Sanitization.Documents;

namespace DriveSync.Sanitization.Tests;

public sealed class TextDocumentTests
{
    [Fact]
    public async Task SanitizeAsync_PlainText_ReplacesValuesAndKeepsTheRest()
    {
        const string input = "Dear client,\nSSN 123-45-6789, mail a.b@example.com, phone (212) 555-0100.\nTotal $1,234.56 for tax year 2023.\n";

        var (outcome, output) = await SanitizerHarness.RunTextAsync("letter.txt", input);

        Assert.True(outcome.IsSanitized);
        Assert.Equal("Dear client,\nSSN [SSN], mail [EMAIL], phone [PHONE].\nTotal $1,234.56 for tax year 2023.\n", output);
        Assert.Equal(1, outcome.CountsByType[PiiTypes.Ssn]);
        Assert.Equal(1, outcome.CountsByType[PiiTypes.Email]);
        Assert.Equal(1, outcome.CountsByType[PiiTypes.Phone]);
        Assert.Equal(SanitizerVersion.Current, outcome.DetectorVersion);
        Assert.Equal("text/plain", outcome.OutputContentType);
    }

    [Fact]
    public async Task SanitizeAsync_ValueStraddlingChunkBoundary_IsStillRedacted()
    {
        var options = new SanitizerOptions { TextChunkChars = 4096 };
        var chunkCapacity = options.TextChunkChars + 512 + 64;
        for (var shift = -12; shift <= 12; shift += 3)
        {
            var prefix = new string('x', chunkCapacity - 512 + shift) + " ";
            var input = prefix + "123-45-6789 and john@example.com " + new string('y', 9000) + " 4111 1111 1111 1111\n";

            var (outcome, output) = await SanitizerHarness.RunTextAsync("boundary.txt", input, options);

            Assert.Equal(prefix + "[SSN] and [EMAIL] " + new string('y', 9000) + " [CARD]\n", output);
            Assert.Equal(3, outcome.TotalRedactions);
        }
    }

    [Fact]
    public async Task SanitizeAsync_DenseValuesOverManyChunkBoundaries_MatchesTheWholeTextRedaction()
    {
        var options = new SanitizerOptions { TextChunkChars = 4096 };
        var builder = new StringBuilder();
        for (var line = 0; builder.Length < 200_000; line++)
        {
            builder.Append($"2024-03-{(line % 28) + 1:00} 08:{line % 60:00}:15 PMT {line:0000000} debit 1,{line % 1000:000}.50 USD ");
            builder.Append((line % 4) switch
            {
                0 => $"payer SSN 123-45-{1000 + (line % 9000):0000}",
                1 => "card 4111 1111 1111 1111",
                2 => $"notify user{line}@example.com",
                _ => $"callback (212) 555-{line % 10000:0000}",
            });
            builder.Append(" settled\n");
        }

        var input = builder.ToString();
        var expected = new Redaction.TextRedactor(options).Redact(input);

        var (outcome, output) = await SanitizerHarness.RunTextAsync("payments.txt", input, options);

        Assert.Equal(expected.Text, output);
        Assert.Equal(expected.Counts, outcome.CountsByType);
        Assert.Equal(input.Count(c => c == '\n'), outcome.TotalRedactions);
    }

    [Fact]
    public async Task SanitizeAsync_TwentyMegabyteSingleLine_IsRedactedInFull()
    {
        var builder = new StringBuilder(20 * 1024 * 1024 + 100);
        var block = "lorem ipsum 4111 1111 1111 1111 dolor sit amet, ";
        var blocks = 0;
        while (builder.Length < 20 * 1024 * 1024)
        {
            builder.Append(block);
            blocks++;
        }

        var (outcome, output) = await SanitizerHarness.RunTextAsync("big.log", builder.ToString());

        Assert.True(outcome.IsSanitized);
        Assert.Equal(blocks, outcome.CountsByType[PiiTypes.Card]);
        Assert.DoesNotContain("4111", output, StringComparison.Ordinal);
        Assert.Equal(builder.Length - (blocks * ("4111 1111 1111 1111".Length - "[CARD]".Length)), output.Length);
    }

    [Fact]
    public async Task SanitizeAsync_TwentyMegabyteLineStreamed_AllocatesFarLessThanItsSize()
    {
        var sanitizer = new DocumentSanitizer(new SanitizerOptions());
        var input = new RepeatingStream("x 123-45-6789 y "u8.ToArray(), 20 * 1024 * 1024);
        var output = new CountingStream();
        var before = GC.GetAllocatedBytesForCurrentThread();

        var outcome = await sanitizer.SanitizeAsync("line.txt", null, input, output, TestContext.Current.CancellationToken)
            .WaitAsync(SanitizerHarness.Timeout, TestContext.Current.CancellationToken);

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        var values = 20 * 1024 * 1024 / 16;
        Assert.True(outcome.IsSanitized);
        Assert.Equal(values, outcome.CountsByType[PiiTypes.Ssn]);
        Assert.Equal(20L * 1024 * 1024 - (values * ("123-45-6789".Length - "[SSN]".Length)), output.Length);
        Assert.True(allocated < 8 * 1024 * 1024, $"allocated {allocated} bytes");
    }

    [Theory]
    [InlineData("notes.txt")]
    [InlineData("case.docx")]
    public async Task SanitizeAsync_InputStreamFails_ExceptionPropagatesInsteadOfQuarantine(string name)
    {
        var sanitizer = new DocumentSanitizer(new SanitizerOptions());
        var input = new FailingStream("PK\u0003\u0004 partial 123-45-6789"u8.ToArray());

        var failure = await Assert.ThrowsAsync<IOException>(() =>
            sanitizer.SanitizeAsync(name, null, input, new MemoryStream(), TestContext.Current.CancellationToken)
                .WaitAsync(SanitizerHarness.Timeout, TestContext.Current.CancellationToken));

        Assert.Equal("connection reset", failure.Message);
    }

    [Fact]
    public async Task SanitizeAsync_OutputStreamFails_ExceptionPropagates()
    {
        var sanitizer = new DocumentSanitizer(new SanitizerOptions());
        using var readOnly = new MemoryStream(new byte[16], writable: false);

        await Assert.ThrowsAsync<NotSupportedException>(() =>
            sanitizer.SanitizeAsync("a.txt", null, new MemoryStream("x 123-45-6789"u8.ToArray()), readOnly, TestContext.Current.CancellationToken)
                .WaitAsync(SanitizerHarness.Timeout, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task SanitizeAsync_InvalidUtf8_PassesInvalidBytesThroughUnchanged()
    {
        byte[] input = [.. "caf"u8, 0xE9, .. " 123-45-6789 "u8, 0xFF, 0xFE, 0xC3, .. " ok é\n"u8];

        var (outcome, output) = await SanitizerHarness.RunAsync("latin.txt", input);

        byte[] expected = [.. "caf"u8, 0xE9, .. " [SSN] "u8, 0xFF, 0xFE, 0xC3, .. " ok é\n"u8];
        Assert.True(outcome.IsSanitized);
        Assert.Equal(expected, output);
    }

    [Theory]
    [InlineData("utf-16LE", true)]
    [InlineData("utf-16BE", true)]
    [InlineData("utf-16LE", false)]
    public async Task SanitizeAsync_Utf16_DetectedAndWrittenInSameEncoding(string encodingName, bool withBom)
    {
        var encoding = Encoding.GetEncoding(encodingName);
        const string text = "Name: Zoë, SSN 123-45-6789, mail zoe@example.com\r\n";
        byte[] input = [.. withBom ? encoding.GetPreamble() : [], .. encoding.GetBytes(text)];

        var (outcome, output) = await SanitizerHarness.RunAsync("utf16.txt", input);

        byte[] expected = [.. withBom ? encoding.GetPreamble() : [], .. encoding.GetBytes("Name: [NAME], SSN [SSN], mail [EMAIL]\r\n")];
        Assert.True(outcome.IsSanitized);
        Assert.Equal(expected, output);
    }

    [Fact]
    public async Task SanitizeAsync_Utf8Bom_IsKept()
    {
        byte[] input = [0xEF, 0xBB, 0xBF, .. "x 123-45-6789"u8];

        var (_, output) = await SanitizerHarness.RunAsync("bom.txt", input);

        Assert.Equal([0xEF, 0xBB, 0xBF, .. "x [SSN]"u8], output);
    }

    [Fact]
    public async Task SanitizeAsync_ZeroByteFile_IsQuarantinedAsEmpty()
    {
        var (outcome, output) = await SanitizerHarness.RunAsync("empty.txt", []);

        Assert.False(outcome.IsSanitized);
        Assert.Equal("empty file (0 bytes)", outcome.QuarantineReason);
        Assert.Empty(output);
    }

    [Fact]
    public async Task SanitizeAsync_BinaryInTextFile_IsQuarantined()
    {
        byte[] input = [.. "abc 123-45-6789"u8, 0, 1, 2, 0, 0, 0, 5, 0, 0, 9];

        var (outcome, _) = await SanitizerHarness.RunAsync("data.txt", input);

        Assert.False(outcome.IsSanitized);
        Assert.Equal("binary content in a text file (NUL bytes)", outcome.QuarantineReason);
    }

    [Fact]
    public async Task SanitizeAsync_Csv_PiiColumnsRedactedWholeAndOtherCellsScanned()
    {
        const string input = "id,Full Name,SSN,E-mail,notes,amount\r\n" +
            "1,\"Doe, Jane\",123456789,jane@example.com,\"call 212-555-0100, ok\",12.50\r\n" +
            "2,Roe,,   ,plain,7\r\n";

        var (outcome, output) = await SanitizerHarness.RunTextAsync("people.csv", input);

        Assert.Equal("id,Full Name,SSN,E-mail,notes,amount\r\n" +
            "1,\"[NAME]\",[SSN],[EMAIL],\"call [PHONE], ok\",12.50\r\n" +
            "2,[NAME],,   ,plain,7\r\n", output);
        Assert.Equal(2, outcome.CountsByType[PiiTypes.Name]);
        Assert.Equal(1, outcome.CountsByType[PiiTypes.Ssn]);
        Assert.Equal("text/csv", outcome.OutputContentType);
    }

    [Theory]
    [InlineData("work_email", "anything", "[EMAIL]")]
    [InlineData("Home Phone No.", "n/a", "[PHONE]")]
    [InlineData("applicant_ssn", "x", "[SSN]")]
    [InlineData("Date_of_Birth", "1/2/1990", "[DOB]")]
    [InlineData("Mailing Address", "1 Main St", "[ADDRESS]")]
    [InlineData("ip_address_count", "12", "12")]
    [InlineData("product", "Widget 123-45-6789", "Widget [SSN]")]
    public async Task SanitizeAsync_CsvHeaderNamingPii_RedactsColumn(string header, string cell, string expected)
    {
        var (_, output) = await SanitizerHarness.RunTextAsync("h.csv", $"id,{header}\n1,{cell}\n");

        Assert.Equal($"id,{header}\n1,{expected}\n", output);
    }

    [Fact]
    public async Task SanitizeAsync_Tsv_UsesTabs()
    {
        const string input = "phone\tcity\n5551234567\tBoston\n";

        var (_, output) = await SanitizerHarness.RunTextAsync("t.tsv", input);

        Assert.Equal("phone\tcity\n[PHONE]\tBoston\n", output);
    }

    [Fact]
    public async Task SanitizeAsync_Json_StringsRedactedAndNumbersBecomeStrings()
    {
        const string input = "{\"ssn\": 123456789, \"email\": \"a@example.com\", \"note\": \"say \\\"hi\\\" 123-45-6789\", \"n\": 42}";

        var (_, output) = await SanitizerHarness.RunTextAsync("r.json", input);

        Assert.Equal("{\"ssn\": \"[SSN]\", \"email\": \"[EMAIL]\", \"note\": \"say \\\"hi\\\" [SSN]\", \"n\": 42}", output);
        using var parsed = System.Text.Json.JsonDocument.Parse(output);
        Assert.Equal("[SSN]", parsed.RootElement.GetProperty("ssn").GetString());
    }

    [Fact]
    public async Task SanitizeAsync_Html_TextAndAttributesRedacted()
    {
        const string input = "<p title=\"SSN 123-45-6789\"><a href=\"mailto:x@example.com\">x@example.com</a></p>";

        var (_, output) = await SanitizerHarness.RunTextAsync("page.html", input);

        Assert.Equal("<p title=\"SSN [SSN]\"><a href=\"mailto:[EMAIL]\">[EMAIL]</a></p>", output);
    }

    [Fact]
    public async Task SanitizeAsync_SameInputTwice_GivesSameBytes()
    {
        var options = new SanitizerOptions { DefaultMode = RedactionMode.Pseudonym, PseudonymKey = "0123456789abcdef-secret" };
        const string input = "a 123-45-6789 b x@example.com c 123-45-6789";

        var (_, first) = await SanitizerHarness.RunTextAsync("a.txt", input, options);
        var (_, second) = await SanitizerHarness.RunTextAsync("b.txt", input, options);

        Assert.Equal(first, second);
        Assert.DoesNotContain("6789", first, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("photo.png")]
    [InlineData("archive.zip")]
    [InlineData("program.exe")]
    [InlineData("noextension")]
    public async Task SanitizeAsync_UnsupportedFormat_QuarantinedWithoutOutput(string name)
    {
        var (outcome, output) = await SanitizerHarness.RunAsync(name, [1, 2, 3]);

        Assert.False(outcome.IsSanitized);
        Assert.StartsWith("unsupported format", outcome.QuarantineReason, StringComparison.Ordinal);
        Assert.Empty(output);
    }

    [Fact]
    public async Task SanitizeAsync_UnsupportedNameWithPii_ReasonDoesNotEchoIt()
    {
        var (outcome, _) = await SanitizerHarness.RunAsync("x.123-45-6789", [1]);

        Assert.Equal("unsupported format (unrecognized extension)", outcome.QuarantineReason);
    }

    [Fact]
    public async Task SanitizeAsync_ContentTypeOnly_UsesTextHandler()
    {
        var sanitizer = new DocumentSanitizer(new SanitizerOptions());
        using var output = new MemoryStream();

        var outcome = await sanitizer.SanitizeAsync("export", "text/csv; charset=utf-8", new MemoryStream("ssn\n123456789\n"u8.ToArray()), output, TestContext.Current.CancellationToken)
            .WaitAsync(SanitizerHarness.Timeout, TestContext.Current.CancellationToken);

        Assert.True(outcome.IsSanitized);
        Assert.Equal("ssn\n[SSN]\n", Encoding.UTF8.GetString(output.ToArray()));
    }
}
