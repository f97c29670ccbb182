using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace DriveSync.Bench;

/// <summary>
/// Whole-process text sanitizing: writes a sparse and a dense generated text file, then runs <c>drivesync sanitize</c>
/// (one or more builds of it, alternately) and the original script's three regexes, each as its own process under
/// <c>/usr/bin/time</c>, round after round; prints wall seconds, CPU seconds (user + system), MB/s of both, peak resident
/// set, and whether the builds wrote the same bytes.
/// </summary>
internal static class SanitizerProcessBench
{
    private static readonly Regex OriginalSsn = new(@"\b\d{3}-\d{2}-\d{4}\b", RegexOptions.Compiled);
    private static readonly Regex OriginalEmail = new(@"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}", RegexOptions.Compiled);
    private static readonly Regex OriginalPhone = new(@"\b\d{3}[-.]?\d{3}[-.]?\d{4}\b", RegexOptions.Compiled);

    /// <summary>Runs the rounds over files of <paramref name="megabytes"/> MiB with the CLI builds in <paramref name="clis"/>.</summary>
    public static async Task RunAsync(int megabytes, IReadOnlyList<string> clis, int rounds)
    {
        if (!File.Exists("/usr/bin/time"))
        {
            throw new InvalidOperationException("the whole-process bench needs /usr/bin/time (GNU time); pass --process-mb 0 to skip it");
        }

        foreach (var cli in clis.Where(c => !File.Exists(c)))
        {
            throw new InvalidOperationException($"drivesync.dll not found at {cli}: build it (./drivesync --help) or pass --cli");
        }

        var folder = Directory.CreateTempSubdirectory("drivesync-bench-").FullName;
        try
        {
            var size = megabytes * 1024 * 1024;
            string[] kinds = ["sparse", "dense"];
            await File.WriteAllBytesAsync(Path.Combine(folder, "sparse.txt"), SanitizerTexts.Sparse(size, seed: 7));
            await File.WriteAllBytesAsync(Path.Combine(folder, "dense.txt"), SanitizerTexts.Dense(size, seed: 7));
            Console.WriteLine(Invariant($"whole process, {megabytes} MiB files, {rounds} rounds; tools alternate within a round: {string.Join(", ", clis.Select((c, k) => $"cli{k + 1}={c}"))}"));
            Console.WriteLine("round  file    tool          wall s  MiB/s wall  CPU s  MiB/s per CPU-s  peak RSS MiB  output sha256");
            var results = new List<(string Kind, string Tool, ProcessRun Run)>();
            for (var round = 1; round <= rounds; round++)
            {
                foreach (var kind in kinds)
                {
                    var input = Path.Combine(folder, kind + ".txt");
                    var tools = clis.Select((cli, k) => (Name: $"drivesync cli{k + 1}", Command: new[] { "dotnet", cli, "sanitize", input }))
                        .Append((Name: "3 regexes", Command: new[] { "dotnet", typeof(SanitizerProcessBench).Assembly.Location, "original-regexes", input }));
                    foreach (var (name, command) in tools)
                    {
                        var output = Path.Combine(folder, "out.txt");
                        var run = await TimeAsync([.. command, output]);
                        var hash = Convert.ToHexStringLower(SHA256.HashData(await File.ReadAllBytesAsync(output)))[..12];
                        File.Delete(output);
                        results.Add((kind, name, run));
                        Console.WriteLine(Invariant($"{round,5}  {kind,-6}  {name,-12}  {run.Wall,6:0.00}  {megabytes / run.Wall,10:0}  {run.Cpu,5:0.00}  {megabytes / run.Cpu,15:0}  {run.PeakKiB / 1024.0,12:0}  {hash}"));
                    }
                }
            }

            Console.WriteLine("median over the rounds:");
            foreach (var group in results.GroupBy(r => (r.Kind, r.Tool)))
            {
                var wall = Median(group.Select(r => r.Run.Wall));
                var cpu = Median(group.Select(r => r.Run.Cpu));
                Console.WriteLine(Invariant($"  {group.Key.Kind,-6}  {group.Key.Tool,-12}  {megabytes / wall,5:0} MiB/s wall  {megabytes / cpu,5:0} MiB/s per CPU-second"));
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>The original script as a process: reads the file as UTF-8, applies its three regexes, writes the result.</summary>
    public static async Task<int> OriginalRegexesAsync(string[] args)
    {
        var text = ApplyOriginalRegexes(await File.ReadAllTextAsync(args[0], Encoding.UTF8));
        await File.WriteAllTextAsync(args[1], text, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        return 0;
    }

    /// <summary>The original script's three regexes (SSN, e-mail, phone) with their markers.</summary>
    public static string ApplyOriginalRegexes(string text)
    {
        text = OriginalSsn.Replace(text, "[SSN]");
        text = OriginalEmail.Replace(text, "[EMAIL]");
        return OriginalPhone.Replace(text, "[PHONE]");
    }

    private static async Task<ProcessRun> TimeAsync(string[] command)
    {
        var start = new ProcessStartInfo("/usr/bin/time") { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in (string[])["-f", "%e %U %S %M", .. command])
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start /usr/bin/time");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        await stdout;
        var last = stderr.TrimEnd().Split('\n')[^1].Split(' ');
        if (process.ExitCode != 0 || last.Length != 4)
        {
            throw new InvalidOperationException($"{string.Join(' ', command)} exited with {process.ExitCode}: {stderr}");
        }

        var numbers = last.Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray();
        return new ProcessRun(numbers[0], numbers[1] + numbers[2], (long)numbers[3]);
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private readonly record struct ProcessRun(double Wall, double Cpu, long PeakKiB);
}
