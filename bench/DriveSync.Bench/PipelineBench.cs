using System.Diagnostics;
using System.Globalization;
using System.Text;
using DriveSync.DriveEmulator;
using DriveSync.DurableEngine;
using DriveSync.Pipeline.Adapters;
using DriveSync.Pipeline.Orchestration;
using DriveSync.Pipeline.Ports;
using DriveSync.Pipeline.Storage;
using DriveSync.Pipeline.Wiring;
using DriveSync.Testing;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace DriveSync.Bench;

/// <summary>
/// Whole runs on the embedded Durable Task engine (DTFx, task hub on the same Azurite), Drive emulator → pipeline → Azurite,
/// and the same with uploads going to an in-process null sink: files/s (engine start-up included), MB/s, Drive calls per
/// file, orchestration generations (ContinueAsNew) per 1,000 files, peak working set of this process
/// (which also hosts the emulator and its file contents), peak GC heap and the heap still live after the run
/// (the emulator and its files included); plus the Drive request rate under a 12,000/min quota.
/// It also reports what the run left in the task hub (History and Instances rows, their billed bytes, large-message blobs)
/// per 1,000 files. <c>--scenarios small,large,quota</c> picks the scenarios, <c>--sinks azurite,null</c> the sinks.
/// </summary>
internal static class PipelineBench
{
    private const string Token = "bench-token";

    public static async Task<int> RunAsync(string[] args)
    {
        var small = IntOption(args, "--small", 10_000);
        var smallBytes = IntOption(args, "--small-bytes", 4 * 1024);
        var large = IntOption(args, "--large", 50);
        var largeMb = IntOption(args, "--large-mb", 20);
        var quotaFiles = IntOption(args, "--quota-files", 3_000);
        var index = Array.IndexOf(args, "--scenarios");
        var scenarios = (index >= 0 && index + 1 < args.Length ? args[index + 1] : "small,large,quota").Split(',');
        var sinksIndex = Array.IndexOf(args, "--sinks");
        var sinks = (sinksIndex >= 0 && sinksIndex + 1 < args.Length ? args[sinksIndex + 1] : "azurite,null").Split(',');
        using var profile = args.Contains("--alloc-profile") ? new AllocationProfile() : null;
        await using var azurite = await AzuriteFixture.StartAsync(persistToDisk: true);

        var rows = new List<string>
        {
            "| scenario | files | MB | seconds | files/s | MB/s | Drive calls/file | generations / 1,000 files | task-hub rows / 1,000 files | task-hub KB / 1,000 files | peak working set MiB | peak GC heap MiB | live heap after run MiB |",
            "|---|---|---|---|---|---|---|---|---|---|---|---|---|",
        };
        foreach (var nullSink in sinks.Select(sink => sink == "null"))
        {
            if (scenarios.Contains("small"))
                rows.Add(await RunScenarioAsync(azurite, $"{small:N0} × {smallBytes:N0} B", small, smallBytes, nullSink, null));
            if (scenarios.Contains("large"))
                rows.Add(await RunScenarioAsync(azurite, $"{large:N0} × {largeMb} MB", large, largeMb * 1024 * 1024, nullSink, null));
        }
        if (scenarios.Contains("quota"))
            rows.Add(await RunScenarioAsync(azurite, $"{quotaFiles:N0} × 4 KB, quota 12,000/min", quotaFiles, 4 * 1024, nullSink: true, quotaPerMinute: 12_000));
        foreach (var row in rows)
            Console.WriteLine(row);
        foreach (var line in profile?.Top(25) ?? [])
            Console.WriteLine(line);
        return 0;
    }

    private static async Task<string> RunScenarioAsync(AzuriteFixture azurite, string name, int files, int size, bool nullSink, int? quotaPerMinute)
    {
        await using var drive = await DriveEmulatorServer.StartAsync(new DriveEmulatorOptions { BearerToken = Token }, CancellationToken.None);
        var folders = Enumerable.Range(0, 10).Select(i => drive.Store.AddFolder(drive.Store.RootFolderId, $"folder{i}")).ToList();
        var shared = size > 64 * 1024 ? Document(size, 0) : null;
        for (var i = 0; i < files; i++)
            drive.Store.AddFile(folders[i % folders.Count], $"notice {i}.txt", shared ?? Document(size, i), "text/plain");
        var totalBytes = (long)files * size;
        if (quotaPerMinute is { } quota)
            drive.Faults.QuotaPerMinute = quota;

        var prefix = "b" + Guid.NewGuid().ToString("N")[..10];
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["DriveSync:Storage:ConnectionString"] = azurite.ConnectionString,
            ["DriveSync:Drive:BaseUri"] = drive.BaseUri.ToString(),
            ["DriveSync:Drive:BearerToken"] = Token,
            ["DriveSync:Drive:FolderId"] = drive.Store.RootFolderId,
            ["DriveSync:Drive:RequestsPerSecond"] = quotaPerMinute is { } q ? (q / 60).ToString(CultureInfo.InvariantCulture) : "100000",
            ["DriveSync:Drive:Burst"] = quotaPerMinute is null ? "100000" : "20",
            ["DriveSync:Drive:CircuitMinimumThroughput"] = "100000",
            ["DriveSync:Pipeline:OutputContainer"] = prefix + "-out",
            ["DriveSync:Pipeline:StateContainer"] = prefix + "-state",
            ["DriveSync:Durable:TaskHubName"] = "bench" + prefix[1..],
        }).Build();
        using var host = new HostBuilder()
            .ConfigureServices(services =>
            {
                services.AddLogging();
                if (nullSink)
                    services.AddSingleton<IBlobStore>(sp => new NullSinkBlobStore(new AzureBlobStore(sp.GetRequiredService<StorageAccountClients>()), prefix + "-out"));
                services.AddDriveSyncPipeline(configuration);
                services.AddEmbeddedDurableEngine(configuration, registry => registry.AddPipelineTasks());
            })
            .Build();

        using var sampler = new WorkingSetSampler();
        var clock = Stopwatch.StartNew();
        await host.StartAsync(CancellationToken.None);
        var client = host.Services.GetRequiredService<DurableTaskClient>();
        var start = await host.Services.GetRequiredService<SyncRunStarter>().StartAsync(client, new SyncRunRequest("bench"), CancellationToken.None);
        var instance = await client.WaitForInstanceCompletionAsync(start.InstanceId, getInputsAndOutputs: true, CancellationToken.None);
        var seconds = clock.Elapsed.TotalSeconds;
        await host.StopAsync(CancellationToken.None);
        var (peakWorkingSet, peakHeap, peakHeapAt) = (sampler.PeakMegabytes, sampler.PeakHeapMegabytes, sampler.PeakHeapAtSeconds);
        var (earlyWorkingSet, earlyHeap) = sampler.PeakBefore(0.9);
        var summary = instance.ReadOutputAs<RunSummary>();
        if (summary is null || summary.Status != RunPhase.Completed || summary.Uploaded != files)
            throw new InvalidOperationException($"Scenario {name} ended {instance.RuntimeStatus} with {summary?.Uploaded} of {files} uploaded.");
        var generations = (instance.ReadInputAs<SyncFolderInput>()?.Carry?.Generation ?? 0) + 1;

        var liveAfterRun = GC.GetTotalMemory(forceFullCollection: true) / 1_048_576.0;
        var hub = configuration["DriveSync:Durable:TaskHubName"]!;
        long hubRows = 0, hubBytes = 0;
        await foreach (var (table, rows, bytes) in TaskHubStorage.TablesAsync(azurite, hub))
        {
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {table}: {rows:N0} rows, {bytes:N0} bytes"));
            hubRows += rows;
            hubBytes += bytes;
        }

        var (hubBlobs, hubBlobBytes) = await TaskHubStorage.BlobsAsync(azurite, hub);
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  hub blobs: {hubBlobs:N0}, {hubBlobBytes:N0} bytes"));
        hubBytes += hubBlobBytes;
        var label = name + (nullSink ? ", null sink" : ", Azurite");
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{label}: GC heap peaked {peakHeapAt:F1} s into the {seconds:F1} s run; in the first 90 % of the run the sampled peaks were {earlyWorkingSet:F0} MiB working set, {earlyHeap:F0} MiB GC heap"));
        var rate = "";
        if (quotaPerMinute is { } perMinute)
        {
            var times = drive.Counters.RequestTimes();
            var active = (times[^1] - times[0]).TotalSeconds;
            var bound = perMinute / 60.0;
            rate = string.Create(CultureInfo.InvariantCulture,
                $" (Drive {(times.Count - 1) / active:F1} req/s while calling = {(times.Count - 1) / active / bound:P0} of the quota bound; {drive.Counters.TotalRequests / seconds / bound:P0} over the whole run)");
        }
        return string.Create(CultureInfo.InvariantCulture,
            $"| {label}{rate} | {files:N0} | {totalBytes / 1e6:F1} | {seconds:F1} | {files / seconds:F1} | {totalBytes / 1e6 / seconds:F1} | "
            + $"{(double)drive.Counters.TotalRequests / files:F3} | {generations * 1000.0 / files:F1} | {hubRows * 1000.0 / files:F0} | {hubBytes / 1.024 / files:F0} | "
            + $"{peakWorkingSet:F0} | {peakHeap:F0} | {liveAfterRun:F0} |");
    }

    /// <summary>A text notice with planted synthetic PII, padded to <paramref name="size"/> bytes.</summary>
    private static byte[] Document(int size, int seed)
    {
        var text = new StringBuilder(size + 200);
        var line = 0;
        while (text.Length < size)
        {
            text.Append(CultureInfo.InvariantCulture, $"Line {line++} of notice {seed}: taxpayer SSN 401-23-{seed % 10000:D4}, contact jordan{seed}@example.com, amount ${line}.00\n");
        }
        return Encoding.UTF8.GetBytes(text.ToString(0, size));
    }

    private static int IntOption(string[] args, string name, int fallback)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], CultureInfo.InvariantCulture) : fallback;
    }

    /// <summary>
    /// The run's peak working set: the kernel's peak resident set (reset when sampling starts, so the emulator's set-up
    /// does not count) where Linux allows the reset, and otherwise the largest of samples taken every 50 ms; the GC heap sampled alike.
    /// </summary>
    private sealed class WorkingSetSampler : IDisposable
    {
        private readonly Timer _timer;
        private readonly bool _kernelPeak;
        private readonly Stopwatch _clock = Stopwatch.StartNew();
        private readonly List<(long Milliseconds, long WorkingSet, long Heap)> _samples = [];
        private long _peak;
        private long _peakHeap;
        private long _peakHeapAtMilliseconds;

        public WorkingSetSampler()
        {
            _kernelPeak = SanitizerBench.ResetPeakWorkingSet();
            _timer = new Timer(_ => Sample(), null, TimeSpan.Zero, TimeSpan.FromMilliseconds(50));
        }

        public double PeakMegabytes
        {
            get
            {
                Sample();
                if (_kernelPeak)
                {
                    using var process = Process.GetCurrentProcess();
                    Raise(ref _peak, process.PeakWorkingSet64);
                }

                return Interlocked.Read(ref _peak) / 1_048_576.0;
            }
        }

        public double PeakHeapMegabytes => Interlocked.Read(ref _peakHeap) / 1_048_576.0;

        /// <summary>When the GC heap peaked, in seconds after sampling started.</summary>
        public double PeakHeapAtSeconds => Interlocked.Read(ref _peakHeapAtMilliseconds) / 1000.0;

        /// <summary>The largest working set and GC heap (MiB) sampled in the first <paramref name="fraction"/> of the time sampled so far.</summary>
        public (double WorkingSet, double Heap) PeakBefore(double fraction)
        {
            lock (_samples)
            {
                var until = _samples.Count == 0 ? 0 : _samples[^1].Milliseconds * fraction;
                var early = _samples.Where(s => s.Milliseconds <= until).ToList();
                return early.Count == 0 ? (0, 0) : (early.Max(s => s.WorkingSet) / 1_048_576.0, early.Max(s => s.Heap) / 1_048_576.0);
            }
        }

        public void Dispose() => _timer.Dispose();

        private void Sample()
        {
            using var process = Process.GetCurrentProcess();
            var (now, workingSet, heap) = (_clock.ElapsedMilliseconds, process.WorkingSet64, GC.GetTotalMemory(forceFullCollection: false));
            lock (_samples)
                _samples.Add((now, workingSet, heap));
            Raise(ref _peak, workingSet);
            if (Raise(ref _peakHeap, heap))
                Interlocked.Exchange(ref _peakHeapAtMilliseconds, now);
        }

        private static bool Raise(ref long peak, long current)
        {
            long seen;
            while (current > (seen = Interlocked.Read(ref peak)))
            {
                if (Interlocked.CompareExchange(ref peak, current, seen) == seen)
                    return true;
            }
            return false;
        }
    }

    /// <summary>Blob storage where writes to the output container are read to the end and dropped; everything else goes to Azurite.</summary>
    private sealed class NullSinkBlobStore(IBlobStore inner, string outputContainer) : IBlobStore
    {
        public Task EnsureContainerAsync(string container, CancellationToken cancellationToken) => inner.EnsureContainerAsync(container, cancellationToken);

        public Task<StoredBlob?> ReadAsync(string container, string name, CancellationToken cancellationToken) => inner.ReadAsync(container, name, cancellationToken);

        public async Task<string?> WriteAsync(string container, string name, Stream content, BlobWriteOptions options, CancellationToken cancellationToken)
        {
            if (container != outputContainer)
                return await inner.WriteAsync(container, name, content, options, cancellationToken);
            await content.CopyToAsync(Stream.Null, cancellationToken);
            return "\"null\"";
        }

        public Task<IReadOnlyDictionary<string, string>?> GetMetadataAsync(string container, string name, CancellationToken cancellationToken) =>
            container == outputContainer ? Task.FromResult<IReadOnlyDictionary<string, string>?>(null) : inner.GetMetadataAsync(container, name, cancellationToken);

        public Task<BlobNamePage> ListAsync(string container, string prefix, string? marker, int pageSize, CancellationToken cancellationToken) =>
            inner.ListAsync(container, prefix, marker, pageSize, cancellationToken);

        public Task DeleteAsync(string container, string name, CancellationToken cancellationToken) => inner.DeleteAsync(container, name, cancellationToken);

        public Task<bool> AcquireLeaseAsync(string container, string name, string leaseId, TimeSpan duration, CancellationToken cancellationToken) =>
            inner.AcquireLeaseAsync(container, name, leaseId, duration, cancellationToken);

        public Task ReleaseLeaseAsync(string container, string name, string leaseId, CancellationToken cancellationToken) =>
            inner.ReleaseLeaseAsync(container, name, leaseId, cancellationToken);

        public Task BreakLeaseAsync(string container, string name, CancellationToken cancellationToken) => inner.BreakLeaseAsync(container, name, cancellationToken);

        public FailureKind Classify(Exception exception) => inner.Classify(exception);
    }
}
