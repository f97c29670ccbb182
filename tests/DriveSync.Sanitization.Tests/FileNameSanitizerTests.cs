using DriveSync.Sanitization.Redaction;

namespace DriveSync.Sanitization.Tests;

public sealed class FileNameSanitizerTests
{
    [Theory]
    [InlineData("../../x", ".._.._x")]
    [InlineData("..", "unnamed")]
    [InlineData(".", "unnamed")]
    [InlineData("", "unnamed")]
    [InlineData(null, "unnamed")]
    [InlineData("a/b\\c:d*e?f\"g<h>i|j", "a_b_c_d_e_f_g_h_i_j")]
    [InlineData("tab\there\u0001.txt", "tab_here_.txt")]
    [InlineData("CON", "_CON")]
    [InlineData("nul.txt", "_nul.txt")]
    [InlineData("com1.docx", "_com1.docx")]
    [InlineData("john 078-05-1120.csv", "john [SSN].csv")]
    [InlineData("scan_123-45-6789.pdf", "scan_[SSN].pdf")]
    [InlineData("from jane@example.com here.eml", "from [EMAIL] here.eml")]
    [InlineData("report. ", "report")]
    [InlineData("Quarterly report 2023.xlsx", "Quarterly report 2023.xlsx")]
    [InlineData("john.doe@example.com.txt", "[EMAIL].txt")]
    [InlineData("john.doe@example.com", "[EMAIL]")]
    [InlineData("notes for jane@example.org.docx", "notes for [EMAIL].docx")]
    public void Sanitize_Name_GivesSafeSegment(string? name, string expected)
    {
        Assert.Equal(expected, FileNameSanitizer.Sanitize(name));
    }

    [Fact]
    public void Sanitize_LongName_BoundedAndKeepsExtension()
    {
        var result = FileNameSanitizer.Sanitize(new string('a', 500) + ".docx");

        Assert.Equal(FileNameSanitizer.MaxLength, result.Length);
        Assert.EndsWith("a.docx", result, StringComparison.Ordinal);
    }
}
