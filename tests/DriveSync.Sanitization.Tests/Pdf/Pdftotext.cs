using System.Diagnostics;
using System.Text;

namespace DriveSync.Sanitization.Tests.Pdf;

/// <summary>Poppler's pdftotext, the independent extractor the redacted PDFs are checked with (scripts/install-deps.sh installs it).</summary>
internal static class Pdftotext
{
    /// <summary>The text of <paramref name="pdf"/> as poppler reads it: reading order, or with <paramref name="raw"/> content-stream order (poppler cannot order diagonal text).</summary>
    public static async Task<string> ExtractAsync(byte[] pdf, CancellationToken cancellationToken, bool raw = false)
    {
        var start = new ProcessStartInfo("pdftotext")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
        };
        start.ArgumentList.Add("-enc");
        start.ArgumentList.Add("UTF-8");
        if (raw)
        {
            start.ArgumentList.Add("-raw");
        }

        start.ArgumentList.Add("-");
        start.ArgumentList.Add("-");
        using var process = Process.Start(start) ?? throw new InvalidOperationException("pdftotext did not start");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var errors = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.StandardInput.BaseStream.WriteAsync(pdf, cancellationToken);
        process.StandardInput.Close();
        await process.WaitForExitAsync(cancellationToken);
        var text = await output;
        var stderr = await errors;
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"pdftotext exited with {process.ExitCode}: {stderr}");
        }

        return text;
    }

    /// <summary>Word boxes from pdftotext -bbox: (word, xMin, yMin) in reading order.</summary>
    public static async Task<IReadOnlyList<(string Word, double X, double Y)>> WordsAsync(byte[] pdf, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("pdftotext")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
        };
        foreach (var argument in new[] { "-bbox", "-enc", "UTF-8", "-", "-" })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("pdftotext did not start");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        await process.StandardInput.BaseStream.WriteAsync(pdf, cancellationToken);
        process.StandardInput.Close();
        await process.WaitForExitAsync(cancellationToken);
        var html = await output;
        var words = new List<(string, double, double)>();
        foreach (System.Text.RegularExpressions.Match m in System.Text.RegularExpressions.Regex.Matches(html, "<word xMin=\"([0-9.]+)\" yMin=\"([0-9.]+)\"[^>]*>([^<]*)</word>"))
        {
            words.Add((System.Net.WebUtility.HtmlDecode(m.Groups[3].Value), double.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), double.Parse(m.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture)));
        }

        return words;
    }
}
