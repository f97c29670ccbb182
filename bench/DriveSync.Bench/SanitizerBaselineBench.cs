using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Runtime.Loader;
using System.Security.Cryptography;
using DriveSync.Sanitization;
using DriveSync.Sanitization.Documents;

namespace DriveSync.Bench;

/// <summary>
/// Before and after in one process: a baseline build of <c>DriveSync.Sanitization.dll</c> (e.g. the commit a speed change
/// started from) is loaded beside this build in its own <see cref="AssemblyLoadContext"/>, and the two sanitize the same
/// generated text in memory alternately, round after round, so that both see the same machine load. Prints MiB per
/// CPU-second and wall MiB/s of each (best and median of the rounds) and whether the two wrote the same bytes.
/// </summary>
internal static class SanitizerBaselineBench
{
    public static async Task RunAsync(string baselinePath, int megabytes, int rounds)
    {
        var baseline = BaselineSanitizer.Load(baselinePath);
        var current = new DocumentSanitizer(new SanitizerOptions());
        Console.WriteLine(Invariant($"in memory, before/after in one process: baseline {baselinePath}; {megabytes} MiB per text, {rounds} rounds, the two builds alternate within a round"));
        foreach (var (kind, text) in new[] { ("sparse", SanitizerTexts.Sparse(megabytes * 1024 * 1024, seed: 7)), ("dense", SanitizerTexts.Dense(megabytes * 1024 * 1024, seed: 7)) })
        {
            var before = await HashAsync(baseline.SanitizeAsync, text);
            var after = await HashAsync((input, output) => current.SanitizeAsync("bench.txt", null, input, output, CancellationToken.None).ContinueWith(t => t.Result.TotalRedactions, TaskScheduler.Default), text);
            Console.WriteLine(Invariant($"{kind}: outputs {(before == after ? "identical" : "DIFFER")} (baseline {before}, current {after})"));
            var runs = new Dictionary<string, List<(double Wall, double Cpu)>> { ["before"] = [], ["after"] = [] };
            for (var round = 0; round < rounds; round++)
            {
                runs["before"].Add(await MeasureAsync(() => baseline.SanitizeAsync(new MemoryStream(text), Stream.Null)));
                runs["after"].Add(await MeasureAsync(() => current.SanitizeAsync("bench.txt", null, new MemoryStream(text), Stream.Null, CancellationToken.None)));
            }

            foreach (var (build, times) in runs)
            {
                var cpu = times.Select(t => megabytes / t.Cpu).Order().ToArray();
                var wall = times.Select(t => megabytes / t.Wall).Order().ToArray();
                Console.WriteLine(Invariant($"{kind} {build,-6}: {cpu[^1]:0} MiB/s per CPU-second best, {cpu[cpu.Length / 2]:0} median; {wall[^1]:0} MiB/s wall best, {wall[wall.Length / 2]:0} median ({string.Join(" / ", times.Select(t => (megabytes / t.Cpu).ToString("0", CultureInfo.InvariantCulture)))} per CPU-second)"));
            }
        }
    }

    private static async Task<string> HashAsync(Func<Stream, Stream, Task<long>> sanitize, byte[] text)
    {
        using var output = new MemoryStream();
        var redactions = await sanitize(new MemoryStream(text), output);
        return Invariant($"{Convert.ToHexStringLower(SHA256.HashData(output.ToArray()))[..12]}, {redactions} redactions");
    }

    private static async Task<(double Wall, double Cpu)> MeasureAsync(Func<Task> action)
    {
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        var cpuBefore = process.TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        await action();
        var wall = clock.Elapsed.TotalSeconds;
        process.Refresh();
        return (wall, (process.TotalProcessorTime - cpuBefore).TotalSeconds);
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    /// <summary>The baseline build's <c>DocumentSanitizer</c> with default options, called through reflection (its types are not ours).</summary>
    private sealed class BaselineSanitizer(object sanitizer, MethodInfo sanitize, PropertyInfo totalRedactions)
    {
        public static BaselineSanitizer Load(string path)
        {
            var context = new BaselineLoadContext(Path.GetFullPath(path));
            var assembly = context.LoadFromAssemblyPath(Path.GetFullPath(path));
            var optionsType = assembly.GetType("DriveSync.Sanitization.SanitizerOptions", throwOnError: true)!;
            var sanitizerType = assembly.GetType("DriveSync.Sanitization.Documents.DocumentSanitizer", throwOnError: true)!;
            var outcomeType = assembly.GetType("DriveSync.Sanitization.Documents.SanitizeOutcome", throwOnError: true)!;
            var instance = Activator.CreateInstance(sanitizerType, Activator.CreateInstance(optionsType), null)!;
            var method = sanitizerType.GetMethod("SanitizeAsync", [typeof(string), typeof(string), typeof(Stream), typeof(Stream), typeof(CancellationToken)])!;
            return new BaselineSanitizer(instance, method, outcomeType.GetProperty("TotalRedactions")!);
        }

        public async Task<long> SanitizeAsync(Stream input, Stream output)
        {
            var task = (Task)sanitize.Invoke(sanitizer, ["bench.txt", null, input, output, CancellationToken.None])!;
            await task;
            return (long)totalRedactions.GetValue(task.GetType().GetProperty("Result")!.GetValue(task))!;
        }
    }

    /// <summary>Loads the baseline's own <c>DriveSync.Sanitization</c>; its other dependencies (OpenXML, PDFsharp) come from the bench's.</summary>
    private sealed class BaselineLoadContext(string sanitizationPath) : AssemblyLoadContext("sanitizer-baseline")
    {
        protected override Assembly? Load(AssemblyName assemblyName) =>
            assemblyName.Name == "DriveSync.Sanitization" ? LoadFromAssemblyPath(sanitizationPath) : null;
    }
}
