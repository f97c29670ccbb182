using System.Diagnostics;
using System.Globalization;
using DriveSync.DriveEmulator;
using DriveSync.GoogleDrive;

namespace DriveSync.Bench;

/// <summary>
/// Lists and downloads a 10,000-file tree from the Drive emulator over real HTTP through the real client, and
/// prints Drive calls per file (listing + download; target ≤ 1.02) and files/s.
/// </summary>
internal static class DriveBench
{
    private const string Token = "bench-token";

    public static async Task<int> RunAsync(string[] args)
    {
        var files = IntOption(args, "--files", 10_000);
        var concurrency = IntOption(args, "--concurrency", 16);
        var faultRate = double.Parse(Option(args, "--fault-rate") ?? "0", CultureInfo.InvariantCulture);
        const int folders = 10;

        await using var emulator = await DriveEmulatorServer.StartAsync(new DriveEmulatorOptions { BearerToken = Token }, CancellationToken.None);
        var random = new Random(7);
        long bytes = 0;
        for (var f = 0; f < folders; f++)
        {
            var folder = emulator.Store.AddFolder(emulator.Store.RootFolderId, $"folder{f}");
            for (var i = f; i < files; i += folders)
            {
                var content = new byte[1024 + random.Next(3072)];
                random.NextBytes(content);
                bytes += content.Length;
                emulator.Store.AddFile(folder, $"file{i}.bin", content);
            }
        }

        emulator.Faults.FaultRate = faultRate;
        var options = new DriveOptions
        {
            BaseUri = emulator.BaseUri,
            BearerToken = Token,
            FolderId = emulator.Store.RootFolderId,
            PageSize = 1000,
            RequestsPerSecond = 100_000,
            Burst = 100_000,
            RetryBaseDelay = TimeSpan.FromMilliseconds(20),
            RetryMaxDelay = TimeSpan.FromMilliseconds(500),
            CircuitMinimumThroughput = 100_000,
        };
        using var pacer = new DrivePacer(options);
        using var client = new DriveClient(options, pacer);
        var lister = new DriveFolderLister(client, options);

        var clock = Stopwatch.StartNew();
        var listed = new List<DriveFile>();
        var cursor = lister.Start();
        while (!cursor.IsComplete)
        {
            var page = await lister.NextPageAsync(cursor, CancellationToken.None);
            listed.AddRange(page.Files);
            cursor = page.Next;
        }

        var listTime = clock.Elapsed;
        var listCalls = pacer.Counters.Requests;
        await Parallel.ForEachAsync(listed, new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (file, ct) =>
        {
            using var sink = new MemoryStream();
            await client.DownloadAsync(file, sink, ct);
        });
        clock.Stop();

        var counters = pacer.Counters;
        var callsPerFile = (double)counters.Requests / listed.Count;
        Console.WriteLine(FormattableString.Invariant($"drive bench: {listed.Count} files in {folders} folders, {bytes / 1024.0 / 1024.0:F1} MiB, concurrency {concurrency}, fault rate {faultRate:P0}"));
        Console.WriteLine(FormattableString.Invariant($"  listing:       {listCalls} files.list calls in {listTime.TotalSeconds:F2} s"));
        Console.WriteLine(FormattableString.Invariant($"  Drive calls:   {counters.Requests} ({counters.Retries} retries, {counters.Throttles} throttles); emulator saw {emulator.Counters.TotalRequests}"));
        Console.WriteLine(FormattableString.Invariant($"  calls/file:    {callsPerFile:F4} (target <= 1.02)"));
        Console.WriteLine(FormattableString.Invariant($"  throughput:    {listed.Count / clock.Elapsed.TotalSeconds:F0} files/s, {counters.BytesDownloaded / 1024.0 / 1024.0 / clock.Elapsed.TotalSeconds:F1} MiB/s ({clock.Elapsed.TotalSeconds:F2} s total)"));
        return listed.Count == files && (faultRate > 0 || callsPerFile <= 1.02) ? 0 : 1;
    }

    private static string? Option(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }

    private static int IntOption(string[] args, string name, int fallback) =>
        Option(args, name) is { } value ? int.Parse(value, CultureInfo.InvariantCulture) : fallback;
}
