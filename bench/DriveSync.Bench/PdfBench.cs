using System.Diagnostics;
using System.Globalization;
using DriveSync.Sanitization;
using DriveSync.Sanitization.Detection;
using DriveSync.Sanitization.Pdf;
using DriveSync.Testing;
using PdfSharp.Pdf;
using PdfSharp.Pdf.IO;

namespace DriveSync.Bench;

/// <summary>
/// Redacts the LibreOffice CP2000-style letter (test fixture) repeatedly and a 200-page statement made from the LibreOffice
/// statement fixture's pages, with the production detectors, and prints pages/s and the process's peak working set.
/// </summary>
internal static class PdfBench
{
    public static int Run(string[] args)
    {
        var letterRuns = BenchArgs.Int(args, "--letter-runs", 300);
        var statementPages = BenchArgs.Int(args, "--statement-pages", 200);
        var statementRuns = BenchArgs.Int(args, "--statement-runs", 3);
        var fixtures = Path.Combine(RepoPaths.Root, "tests", "DriveSync.Sanitization.Tests", "Pdf", "Fixtures");
        var letter = File.ReadAllBytes(Path.Combine(fixtures, "lo-cp2000.pdf"));
        var statement = Repeat(File.ReadAllBytes(Path.Combine(fixtures, "lo-statement.pdf")), statementPages);
        var detector = new PiiDetector(new SanitizerOptions());
        var redactor = new PdfRedactor(new PdfRedactionOptions());

        redactor.Redact(letter, detector.FindMatches);
        var (letterPages, letterSeconds) = Measure(redactor, detector, letter, letterRuns);
        var (bigPages, bigSeconds) = Measure(redactor, detector, statement, statementRuns);

        using var process = Process.GetCurrentProcess();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"pdf bench: {Environment.ProcessorCount} cores, .NET {Environment.Version}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"cp2000 letter (LibreOffice, {letter.Length} bytes): {letterRuns} runs, {letterPages / letterSeconds:0} pages/s, {letterSeconds * 1000 / letterRuns:0.00} ms/document"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"statement ({statementPages} pages, {statement.Length} bytes): {statementRuns} runs, {bigPages / bigSeconds:0} pages/s, {bigSeconds * 1000 / statementRuns:0} ms/document"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"peak working set: {process.PeakWorkingSet64 / (1024.0 * 1024.0):0} MiB"));
        return 0;
    }

    private static (int Pages, double Seconds) Measure(PdfRedactor redactor, PiiDetector detector, byte[] pdf, int runs)
    {
        var pages = 0;
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < runs; i++)
        {
            pages += redactor.Redact(pdf, detector.FindMatches).Pages;
        }

        return (pages, clock.Elapsed.TotalSeconds);
    }

    /// <summary>A document of <paramref name="pageCount"/> pages made by importing the source's pages over and over.</summary>
    private static byte[] Repeat(byte[] source, int pageCount)
    {
        var input = PdfReader.Open(new MemoryStream(source), PdfDocumentOpenMode.Import);
        using var output = new PdfDocument();
        while (output.PageCount < pageCount)
        {
            output.AddPage(input.Pages[output.PageCount % input.PageCount]);
        }

        var bytes = new MemoryStream();
        output.Save(bytes, false);
        return bytes.ToArray();
    }
}
