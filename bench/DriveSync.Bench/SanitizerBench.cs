using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DriveSync.Sanitization;
using DriveSync.Sanitization.Documents;
using W = DocumentFormat.OpenXml.Wordprocessing;

namespace DriveSync.Bench;

/// <summary>
/// Text sanitizer throughput (MB/s, one thread) on a generated mixed document beside the original script's three
/// regexes; peak working set while streaming a generated 2 GiB text file (temp file, deleted); DOCX documents/s.
/// </summary>
internal static class SanitizerBench
{
    private static readonly Regex OriginalSsn = new(@"\b\d{3}-\d{2}-\d{4}\b", RegexOptions.Compiled);
    private static readonly Regex OriginalEmail = new(@"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}", RegexOptions.Compiled);
    private static readonly Regex OriginalPhone = new(@"\b\d{3}[-.]?\d{3}[-.]?\d{4}\b", RegexOptions.Compiled);

    public static async Task<int> RunAsync(string[] args)
    {
        var megabytes = IntOption(args, "--mb", 100);
        var bigGigabytes = IntOption(args, "--big-gb", 2);
        var docxRuns = IntOption(args, "--docx", 200);
        var sanitizer = new DocumentSanitizer(new SanitizerOptions());
        Console.WriteLine(Invariant($"sanitize bench: {Environment.ProcessorCount} cores, .NET {Environment.Version}, single-threaded"));

        if (bigGigabytes > 0)
        {
            await BigFileAsync(sanitizer, bigGigabytes);
        }

        if (megabytes <= 0)
        {
            return 0;
        }

        var mixed = MixedText(megabytes * 1024 * 1024, seed: 7);
        await sanitizer.SanitizeAsync("warmup.txt", null, new MemoryStream(mixed, 0, 4 * 1024 * 1024), Stream.Null, CancellationToken.None);
        var ours = Best(3, () => sanitizer.SanitizeAsync("mixed.txt", null, new MemoryStream(mixed), Stream.Null, CancellationToken.None).GetAwaiter().GetResult());
        var outcome = await sanitizer.SanitizeAsync("mixed.txt", null, new MemoryStream(mixed), Stream.Null, CancellationToken.None);
        var original = Best(3, () => OriginalScript(mixed));
        Console.WriteLine(Invariant($"mixed document {megabytes} MiB: DriveSync text sanitizer {megabytes / ours.Wall:0} MiB/s wall, {megabytes / ours.Cpu:0} MiB/s per CPU-second ({outcome.TotalRedactions} redactions: {string.Join(", ", outcome.CountsByType.Select(c => $"{c.Key}={c.Value}"))})"));
        Console.WriteLine(Invariant($"mixed document {megabytes} MiB: original script's three regexes {megabytes / original.Wall:0} MiB/s wall, {megabytes / original.Cpu:0} MiB/s per CPU-second"));

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

        return 0;
    }

    private static async Task BigFileAsync(DocumentSanitizer sanitizer, int gigabytes)
    {
        var input = Path.Combine(Path.GetTempPath(), $"drivesync-bench-{Environment.ProcessId}.txt");
        var output = input + ".out";
        try
        {
            var block = MixedText(8 * 1024 * 1024, seed: 11);
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
        var text = Encoding.UTF8.GetString(bytes);
        text = OriginalSsn.Replace(text, "[SSN]");
        text = OriginalEmail.Replace(text, "[EMAIL]");
        text = OriginalPhone.Replace(text, "[PHONE]");
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

    /// <summary>Prose, log lines, CSV rows, and one line in ten carrying PII (SSN, e-mail, phone, card, IBAN) — deterministic.</summary>
    private static byte[] MixedText(int size, int seed)
    {
        var random = new Random(seed);
        var builder = new StringBuilder(size + 512);
        string[] prose =
        [
            "Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt ut labore et dolore magna aliqua.",
            "The notice explains the proposed changes to your income tax return and what you need to do within 30 days.",
            "Ut enim ad minim veniam, quis nostrud exercitation ullamco laboris nisi ut aliquip ex ea commodo consequat.",
        ];
        while (builder.Length < size)
        {
            var kind = random.Next(20);
            if (kind < 10)
            {
                builder.Append(prose[random.Next(prose.Length)]).Append('\n');
            }
            else if (kind < 15)
            {
                builder.Append(Invariant($"2024-{random.Next(1, 13):00}-{random.Next(1, 29):00} {random.Next(24):00}:{random.Next(60):00}:{random.Next(60):00} INFO order {4000_0000_0000_0000L + random.NextInt64(1_000_000_000_000):0} processed amount ${random.Next(1, 99)},{random.Next(1000):000}.{random.Next(100):00} zip {random.Next(10000, 99999)} build {random.Next(10)}.{random.Next(30)}.{random.Next(500)}\n"));
            }
            else if (kind < 18)
            {
                builder.Append(Invariant($"{random.Next(100000)},{random.Next(1, 13):00}/{random.Next(1, 29):00}/2024,{random.Next(50)},{random.Next(1000)}.{random.Next(100):00},Form 1040 line {random.Next(1, 40)},OK\n"));
            }
            else
            {
                builder.Append(Invariant($"Taxpayer SSN {random.Next(100, 899)}-{random.Next(10, 99)}-{random.Next(1000, 9999)}, e-mail user{random.Next(1000)}@example.com, phone ({random.Next(201, 989)}) {random.Next(200, 999)}-{random.Next(1000, 9999)}, card 4111 1111 1111 1111, IBAN DE89 3704 0044 0532 0130 00.\n"));
            }
        }

        return Encoding.UTF8.GetBytes(builder.ToString(0, size));
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

    private static int IntOption(string[] args, string name, int fallback)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], CultureInfo.InvariantCulture) : fallback;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
