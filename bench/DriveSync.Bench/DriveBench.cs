using System.Diagnostics;
using System.Globalization;
using DriveSync.DriveEmulator;
using DriveSync.GoogleDrive;

namespace DriveSync.Bench;

/// <summary>
/// Lists and downloads a tree from the Drive emulator over real HTTP through the real client, and prints Drive calls
/// per file (listing + download; target ≤ 1.02), listing time (measured unpaced, and at the default 10 requests/s:
/// computed from the call count, or measured with <c>--paced-listing</c>), the largest saved cursor (its serialization
/// is left out of the listing time), and files/s.
/// The files sit in <c>--folders</c> leaf folders; past 100 leaves, they are spread under top folders of 100 each.
/// </summary>
internal static class DriveBench
{
    private const string Token = "bench-token";
    private const double DefaultRate = 10;
    private const int DefaultBurst = 10;

    public static async Task<int> RunAsync(string[] args)
    {
        var files = BenchArgs.Int(args, "--files", 10_000);
        var folders = BenchArgs.Int(args, "--folders", 10);
        var maxBytes = BenchArgs.Int(args, "--max-bytes", 4096);
        var concurrency = BenchArgs.Int(args, "--concurrency", 16);
        var faultRate = double.Parse(BenchArgs.String(args, "--fault-rate") ?? "0", CultureInfo.InvariantCulture);
        var download = !args.Contains("--list-only");
        var paced = args.Contains("--paced-listing");

        await using var emulator = await DriveEmulatorServer.StartAsync(new DriveEmulatorOptions { BearerToken = Token }, CancellationToken.None);
        var (bytes, topFolders) = BuildTree(emulator.Store, files, folders, maxBytes);

        emulator.Faults.FaultRate = faultRate;
        var options = Options(emulator, 100_000, 100_000);
        using var pacer = new DrivePacer(options);
        using var client = new DriveClient(options, pacer);

        var listingOptions = paced ? Options(emulator, DefaultRate, DefaultBurst) : options;
        using var listingPacer = paced ? new DrivePacer(listingOptions) : null;
        using var listingClient = paced ? new DriveClient(listingOptions, listingPacer!) : null;
        var lister = new DriveFolderLister(listingClient ?? client, listingOptions);

        var clock = Stopwatch.StartNew();
        var listed = new List<DriveFile>();
        var cursor = lister.Start();
        var largestCursor = 0;
        while (!cursor.IsComplete)
        {
            var page = await lister.NextPageAsync(cursor, CancellationToken.None);
            listed.AddRange(page.Files);
            cursor = page.Next;
            clock.Stop(); // the cursor's size is measured, not timed
            largestCursor = Math.Max(largestCursor, cursor.ToJson().Length);
            clock.Start();
        }

        var listTime = clock.Elapsed;
        var listCalls = (listingPacer ?? pacer).Counters.Requests;
        if (download)
        {
            await Parallel.ForEachAsync(listed, new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (file, ct) =>
            {
                using var sink = new MemoryStream();
                await client.DownloadAsync(file, sink, ct);
            });
        }

        clock.Stop();
        var distinct = listed.Select(f => f.Id).Distinct(StringComparer.Ordinal).Count();
        var downloadCalls = download ? pacer.Counters.Requests - (paced ? 0 : listCalls) : listed.Count;
        var calls = listCalls + downloadCalls;
        var callsPerFile = (double)calls / listed.Count;
        var defaultRateSeconds = Math.Max(0, listCalls - DefaultBurst) / DefaultRate;
        Console.WriteLine(FormattableString.Invariant(
            $"drive bench: {listed.Count} files ({distinct} distinct) in {folders} folders (+{topFolders} top folders), {bytes / 1024.0 / 1024.0:F1} MiB, concurrency {concurrency}, fault rate {faultRate:P0}"));
        Console.WriteLine(FormattableString.Invariant(
            $"  listing:       {listCalls} files.list calls in {listTime.TotalSeconds:F2} s {(paced ? "(paced at 10 req/s, burst 10)" : "(unpaced)")}; at 10 req/s: {defaultRateSeconds:F1} s (computed)"));
        Console.WriteLine(FormattableString.Invariant($"  cursor:        largest saved {largestCursor:N0} characters"));
        Console.WriteLine(FormattableString.Invariant(
            $"  Drive calls:   {calls} ({listCalls} listing + {downloadCalls} download{(download ? string.Empty : ", not made: one per file")}; {pacer.Counters.Retries} retries, {pacer.Counters.Throttles} throttles); emulator saw {emulator.Counters.TotalRequests}"));
        Console.WriteLine(FormattableString.Invariant($"  calls/file:    {callsPerFile:F4} (target <= 1.02)"));
        if (download)
            Console.WriteLine(FormattableString.Invariant(
                $"  throughput:    {listed.Count / clock.Elapsed.TotalSeconds:F0} files/s, {pacer.Counters.BytesDownloaded / 1024.0 / 1024.0 / clock.Elapsed.TotalSeconds:F1} MiB/s ({clock.Elapsed.TotalSeconds:F2} s total)"));
        return listed.Count == files && distinct == files && (faultRate > 0 || callsPerFile <= 1.02) ? 0 : 1;
    }

    private static (long Bytes, int TopFolders) BuildTree(EmulatorStore store, int files, int folders, int maxBytes)
    {
        var random = new Random(7);
        var topFolders = folders > 100 ? (folders + 99) / 100 : 0;
        var tops = Enumerable.Range(0, topFolders).Select(t => store.AddFolder(store.RootFolderId, $"year{t}")).ToList();
        var leaves = Enumerable.Range(0, folders).Select(f => store.AddFolder(tops.Count == 0 ? store.RootFolderId : tops[f / 100], $"case{f}")).ToList();
        long bytes = 0;
        for (var i = 0; i < files; i++)
        {
            var content = new byte[(maxBytes / 4) + random.Next(maxBytes - (maxBytes / 4))];
            random.NextBytes(content);
            bytes += content.Length;
            store.AddFile(leaves[i % folders], $"file{i}.bin", content);
        }

        return (bytes, topFolders);
    }

    private static DriveOptions Options(DriveEmulatorServer emulator, double rate, int burst) => new()
    {
        BaseUri = emulator.BaseUri,
        BearerToken = Token,
        FolderId = emulator.Store.RootFolderId,
        PageSize = 1000,
        RequestsPerSecond = rate,
        Burst = burst,
        RetryBaseDelay = TimeSpan.FromMilliseconds(20),
        RetryMaxDelay = TimeSpan.FromMilliseconds(500),
        CircuitMinimumThroughput = 100_000,
    };
}
