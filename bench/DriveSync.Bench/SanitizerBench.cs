using System.Diagnostics;
using System.Globalization;
using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DriveSync.Sanitization;
using DriveSync.Sanitization.Documents;
using W = DocumentFormat.OpenXml.Wordprocessing;

namespace DriveSync.Bench;

/// <summary>
/// Text sanitizer throughput (MB/s, one thread) on generated sparse and dense text beside the original script's three
/// regexes, in memory and as whole processes (<see cref="SanitizerProcessBench"/>), and beside a baseline build in the same
/// process (<c>--baseline</c>, <see cref="SanitizerBaselineBench"/>); peak working set while streaming a
/// generated 2 GiB text file (temp file, deleted); DOCX documents/s.
/// </summary>
internal static class SanitizerBench
{
    public static async Task<int> RunAsync(string[] args)
    {
        var megabytes = BenchArgs.Int(args, "--mb", 100);
        var bigGigabytes = BenchArgs.Int(args, "--big-gb", 2);
        var docxRuns = BenchArgs.Int(args, "--docx", 200);
        var processMegabytes = BenchArgs.Int(args, "--process-mb", 200);
        var rounds = BenchArgs.Int(args, "--rounds", 3);
        var sanitizer = new DocumentSanitizer(new SanitizerOptions());
        Console.WriteLine(Invariant($"sanitize bench: {Environment.ProcessorCount} cores, .NET {Environment.Version}, single-threaded"));

        if (bigGigabytes > 0)
        {
            await BigFileAsync(sanitizer, bigGigabytes);
        }

        foreach (var (kind, text) in megabytes <= 0 ? [] : new[] { ("sparse", SanitizerTexts.Sparse(megabytes * 1024 * 1024, seed: 7)), ("dense", SanitizerTexts.Dense(megabytes * 1024 * 1024, seed: 7)) })
        {
            await sanitizer.SanitizeAsync("warmup.txt", null, new MemoryStream(text, 0, 4 * 1024 * 1024), Stream.Null, CancellationToken.None);
            var ours = Best(3, () => sanitizer.SanitizeAsync("mixed.txt", null, new MemoryStream(text), Stream.Null, CancellationToken.None).GetAwaiter().GetResult());
            var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
            var outcome = await sanitizer.SanitizeAsync("mixed.txt", null, new MemoryStream(text), Stream.Null, CancellationToken.None);
            var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
            var original = Best(3, () => OriginalScript(text));
            Console.WriteLine(Invariant($"{kind} text {megabytes} MiB in memory: DriveSync text sanitizer {megabytes / ours.Wall:0} MiB/s wall, {megabytes / ours.Cpu:0} MiB/s per CPU-second, {allocated / 1024.0:0} KiB allocated ({outcome.TotalRedactions} redactions: {string.Join(", ", outcome.CountsByType.Select(c => $"{c.Key}={c.Value}"))})"));
            Console.WriteLine(Invariant($"{kind} text {megabytes} MiB in memory: original script's three regexes {megabytes / original.Wall:0} MiB/s wall, {megabytes / original.Cpu:0} MiB/s per CPU-second"));
        }

        if (BenchArgs.String(args, "--baseline") is { } baseline)
        {
            await SanitizerBaselineBench.RunAsync(baseline, Math.Max(megabytes, 1), rounds);
        }

        if (docxRuns > 0)
        {
            var docx = Docx();
            await sanitizer.SanitizeAsync("warmup.docx", null, new MemoryStream(docx), Stream.Null, CancellationToken.None);
            var clock = Stopwatch.StartNew();
            for (var i = 0; i < docxRuns; i++)
            {
                var result = await sanitizer.SanitizeAsync("letter.docx", null, new MemoryStream(docx), Stream.Null, CancellationToken.None);
                if (!result.IsSanitized)
                {
                    throw new InvalidOperationException("bench DOCX was quarantined: " + result.QuarantineReason);
                }
            }

            Console.WriteLine(Invariant($"docx ({docx.Length / 1024} KiB, 60 paragraphs + table + header/footer): {docxRuns / clock.Elapsed.TotalSeconds:0} documents/s"));
        }

        if (processMegabytes > 0)
        {
            await SanitizerProcessBench.RunAsync(processMegabytes, CliOption(args), rounds);
        }

        return 0;
    }

    private static async Task BigFileAsync(DocumentSanitizer sanitizer, int gigabytes)
    {
        var input = Path.Combine(Path.GetTempPath(), $"drivesync-bench-{Environment.ProcessId}.txt");
        var output = input + ".out";
        try
        {
            var block = SanitizerTexts.Sparse(8 * 1024 * 1024, seed: 11);
            await using (var file = new FileStream(input, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 20, useAsync: true))
            {
                for (var written = 0L; written < gigabytes * 1024L * 1024 * 1024; written += block.Length)
                {
                    await file.WriteAsync(block);
                }
            }

            var size = new FileInfo(input).Length;
            block = [];
            GC.Collect();
            var reset = ResetPeakWorkingSet();
            var before = PeakWorkingSetMiB();
            var clock = Stopwatch.StartNew();
            SanitizeOutcome outcome;
            await using (var from = new FileStream(input, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true))
            await using (var to = new FileStream(output, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true))
            {
                outcome = await sanitizer.SanitizeAsync("big.txt", null, from, to, CancellationToken.None);
            }

            var seconds = clock.Elapsed.TotalSeconds;
            Console.WriteLine(Invariant($"{size / (1024.0 * 1024 * 1024):0.00} GiB text file (temp file in, temp file out): {(outcome.IsSanitized ? "sanitized" : "QUARANTINED")}, {size / (1024.0 * 1024) / seconds:0} MiB/s, {outcome.TotalRedactions} redactions, peak working set {PeakWorkingSetMiB():0} MiB ({(reset ? "peak reset before the run; " : "")}{before:0} MiB when the run started)"));
        }
        finally
        {
            File.Delete(input);
            File.Delete(output);
        }
    }

    /// <summary>Resets the kernel's peak resident set (Linux <c>/proc/self/clear_refs</c>), so the peak is the run's, not the file generation's.</summary>
    internal static bool ResetPeakWorkingSet()
    {
        try
        {
            File.WriteAllText("/proc/self/clear_refs", "5");
            return true;
        }
        catch (Exception failure) when (failure is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static double PeakWorkingSetMiB()
    {
        using var process = Process.GetCurrentProcess();
        return process.PeakWorkingSet64 / (1024.0 * 1024);
    }

    private static int OriginalScript(byte[] bytes)
    {
        var text = SanitizerProcessBench.ApplyOriginalRegexes(Encoding.UTF8.GetString(bytes));
        return Encoding.UTF8.GetByteCount(text);
    }

    /// <summary>Best of <paramref name="runs"/>: wall seconds and the process CPU seconds of that run (the box is shared, so CPU time is the steadier figure).</summary>
    private static (double Wall, double Cpu) Best(int runs, Action action)
    {
        var best = (Wall: double.MaxValue, Cpu: double.MaxValue);
        using var process = Process.GetCurrentProcess();
        for (var i = 0; i < runs; i++)
        {
            process.Refresh();
            var cpuBefore = process.TotalProcessorTime;
            var clock = Stopwatch.StartNew();
            action();
            var wall = clock.Elapsed.TotalSeconds;
            process.Refresh();
            var cpu = (process.TotalProcessorTime - cpuBefore).TotalSeconds;
            best = (Math.Min(best.Wall, wall), Math.Min(best.Cpu, cpu));
        }

        return best;
    }

    private static byte[] Docx()
    {
        using var stream = new MemoryStream();
        using (var document = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            var main = document.AddMainDocumentPart();
            var body = new W.Body();
            for (var i = 0; i < 60; i++)
            {
                body.Append(new W.Paragraph(
                    new W.Run(new W.Text(Invariant($"Paragraph {i}: our records for tax year 2023 show SSN 123-4")) { Space = SpaceProcessingModeValues.Preserve }),
                    new W.Run(new W.Text("5-6789, contact jane.doe@example.com or (212) 555-0147; the balance of $1,234.56 is due.") { Space = SpaceProcessingModeValues.Preserve })));
            }

            body.Append(new W.Table(new W.TableRow(new W.TableCell(new W.Paragraph(new W.Run(new W.Text("Card 4111 1111 1111 1111")))))));
            main.Document = new W.Document(body);
            main.AddNewPart<HeaderPart>().Header = new W.Header(new W.Paragraph(new W.Run(new W.Text("Case for 078-05-1120"))));
            main.AddNewPart<FooterPart>().Footer = new W.Footer(new W.Paragraph(new W.Run(new W.Text("IBAN DE89 3704 0044 0532 0130 00"))));
            document.PackageProperties.Creator = "Jane Doe";
        }

        return stream.ToArray();
    }

    /// <summary>The drivesync.dll builds to compare (<c>--cli a.dll,b.dll</c>); by default the repository's Release build.</summary>
    private static string[] CliOption(string[] args)
    {
        var index = Array.IndexOf(args, "--cli");
        if (index >= 0 && index + 1 < args.Length)
        {
            return [.. args[index + 1].Split(',', StringSplitOptions.RemoveEmptyEntries).Select(Path.GetFullPath)];
        }

        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "Functions.sln")))
        {
            root = root.Parent;
        }

        return [Path.Combine(root?.FullName ?? ".", "src", "DriveSync.Host", "bin", "Release", "net10.0", "drivesync.dll")];
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
