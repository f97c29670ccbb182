using System.Diagnostics;
using System.Globalization;
using System.Net;
using DriveSync.Host.Api;
using DriveSync.Host.Hosting;
using DriveSync.Pipeline.Orchestration;
using DriveSync.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace DriveSync.Bench;

/// <summary>
/// <c>serve</c>'s API on the embedded Durable engine over Azurite: latency of concurrent instance-list calls (one task
/// hub query each), and the process's working set while clients send oversized JSON bodies.
/// </summary>
public static class ApiBench
{
    private const string Key = "bench-key-0123456789abcdef";
    private const string ListPath = "runtime/webhooks/durabletask/instances?top=20";

    public static async Task<int> RunAsync(string[] args)
    {
        var instances = BenchArgs.Int(args, "--instances", 100);
        var concurrency = BenchArgs.Int(args, "--concurrency", 200);
        var bodyClients = BenchArgs.Int(args, "--body-clients", 8);
        var bodyMb = BenchArgs.Int(args, "--body-mb", 25);
        var rounds = BenchArgs.Int(args, "--rounds", 3);
        await using var azurite = await AzuriteFixture.StartAsync(persistToDisk: false);
        var app = await StartServeAsync(azurite, shareListQueries: true);
        var unshared = await StartServeAsync(azurite, shareListQueries: false);
        var address = Address(app);
        var client = app.Services.GetRequiredService<DurableTaskClient>();
        for (var i = 0; i < instances; i++)
        {
            await client.ScheduleNewOrchestrationInstanceAsync(new TaskName(PipelineTasks.SyncFolder), "bench", new StartOrchestrationOptions("bench-" + i.ToString("D4", CultureInfo.InvariantCulture)));
        }

        using var http = ListClient(address, concurrency);
        using var unsharedHttp = ListClient(Address(unshared), concurrency);
        await ListLatencyAsync(http, 20, "warm-up");
        await ListLatencyAsync(unsharedHttp, 20, "warm-up");

        // Where one call's time goes: the task hub query alone, then the whole HTTP call, one at a time.
        var query = new OrchestrationQuery { PageSize = 20, FetchInputsAndOutputs = true };
        var serialQueryMs = await MeanMsAsync(20, async () => await FirstPageAsync(client, query));
        var serialCallMs = await MeanMsAsync(20, async () => (await http.GetAsync(ListPath)).Dispose());
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => FirstPageAsync(client, query)));
        Console.WriteLine($"one list call alone: task hub query {serialQueryMs:F1} ms, whole HTTP call {serialCallMs:F1} ms; {concurrency} concurrent task hub queries (no HTTP) all answered after {watch.Elapsed.TotalMilliseconds:F0} ms");

        for (var round = 1; round <= rounds; round++)
        {
            foreach (var (label, target) in new[] { ("one query per request (DriveSync:Api:ShareConcurrentListQueries=false)", unsharedHttp), ("shared queries (default)", http) })
            {
                var (p50, p99, max) = await ListLatencyAsync(target, concurrency, "measured");
                Console.WriteLine($"list round {round}, {label}: {instances} instances in the hub, {concurrency} concurrent GET {ListPath}: p50 {p50:F0} ms, p99 {p99:F0} ms, max {max:F0} ms");
            }
        }

        await unshared.StopAsync();
        await unshared.DisposeAsync();

        var before = CurrentWorkingSetMb();
        var peak = before;
        using var sampling = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!sampling.IsCancellationRequested)
            {
                peak = Math.Max(peak, CurrentWorkingSetMb());
                await Task.Delay(20);
            }
        });
        var statuses = await Task.WhenAll(Enumerable.Range(0, bodyClients).Select(i => PostOversizedAsync(address, bodyMb, chunked: i % 2 == 1)));
        await sampling.CancelAsync();
        await sampler;
        GC.Collect();
        var after = CurrentWorkingSetMb();
        Console.WriteLine($"oversized bodies: {bodyClients} clients x {bodyMb} MB (half declared, half chunked) -> {string.Join(",", statuses.Distinct())}; working set before {before} MB, peak {peak} MB, after {after} MB");
        await app.StopAsync();
        await app.DisposeAsync();
        return 0;
    }

    private static async Task<WebApplication> StartServeAsync(AzuriteFixture azurite, bool shareListQueries)
    {
        var app = ServeApplication.Build(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["DriveSync:Api:Keys:0"] = Key,
            ["DriveSync:Api:ShareConcurrentListQueries"] = shareListQueries ? "true" : "false",
            ["DriveSync:Serve:Urls"] = "http://127.0.0.1:0",
            ["DriveSync:Serve:RunWorkers"] = "false",
            ["DriveSync:Timer:Enabled"] = "false",
            ["DriveSync:Storage:ConnectionString"] = azurite.ConnectionString,
            ["DriveSync:Drive:BaseUri"] = "http://127.0.0.1:9/",
            ["DriveSync:Drive:BearerToken"] = "unused",
            ["DriveSync:Drive:FolderId"] = "root",
            ["DriveSync:Durable:TaskHubName"] = "apibench",
            ["Logging:LogLevel:Default"] = "Warning",
        }).Build());
        await app.StartAsync();
        return app;
    }

    private static Uri Address(WebApplication app) =>
        new(app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First() + "/");

    private static HttpClient ListClient(Uri address, int concurrency)
    {
        var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = concurrency }) { BaseAddress = address, Timeout = TimeSpan.FromMinutes(2) };
        http.DefaultRequestHeaders.Add(ApiKeyAuthorizer.HeaderName, Key);
        return http;
    }

    private static async Task FirstPageAsync(DurableTaskClient client, OrchestrationQuery query)
    {
        await foreach (var page in client.GetAllInstancesAsync(query).AsPages(null, query.PageSize))
        {
            _ = page.Values.Count;
            return;
        }
    }

    private static async Task<double> MeanMsAsync(int times, Func<Task> call)
    {
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < times; i++)
        {
            await call();
        }

        return watch.Elapsed.TotalMilliseconds / times;
    }

    private static async Task<(double P50, double P99, double Max)> ListLatencyAsync(HttpClient http, int concurrency, string label)
    {
        using var start = new SemaphoreSlim(0);
        var calls = Enumerable.Range(0, concurrency).Select(async _ =>
        {
            await start.WaitAsync();
            var watch = Stopwatch.StartNew();
            using var response = await http.GetAsync(ListPath);
            await response.Content.ReadAsByteArrayAsync();
            if (response.StatusCode != HttpStatusCode.OK)
            {
                throw new InvalidOperationException($"{label}: list answered {response.StatusCode}");
            }

            return watch.Elapsed.TotalMilliseconds;
        }).ToList();
        start.Release(concurrency);
        var times = (await Task.WhenAll(calls)).Order().ToArray();
        return (times[(int)(times.Length * 0.5)], times[Math.Min(times.Length - 1, (int)(times.Length * 0.99))], times[^1]);
    }

    private static async Task<int> PostOversizedAsync(Uri address, int megabytes, bool chunked)
    {
        using var http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromMinutes(2) };
        http.DefaultRequestHeaders.Add(ApiKeyAuthorizer.HeaderName, Key);
        using var content = new StreamContent(new PatternStream(megabytes * 1024L * 1024L));
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        if (!chunked)
        {
            content.Headers.ContentLength = megabytes * 1024L * 1024L;
        }

        try
        {
            using var response = await http.PostAsync("api/runs", content);
            return (int)response.StatusCode;
        }
        catch (HttpRequestException)
        {
            // The server answered 413 and closed the connection while the client was still sending (past the time or
            // size up to which it discards the unread rest of a refused body).
            return 413;
        }
    }

    private static long CurrentWorkingSetMb()
    {
        using var process = Process.GetCurrentProcess();
        return process.WorkingSet64 / (1024 * 1024);
    }

    /// <summary>A read-only stream of <c>length</c> bytes of a JSON-ish pattern, generated as it is read.</summary>
    private sealed class PatternStream(long length) : Stream
    {
        private long position;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => length;
        public override long Position { get => position; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = (int)Math.Min(count, length - position);
            buffer.AsSpan(offset, n).Fill((byte)'7');
            if (position == 0 && n > 0)
            {
                buffer[offset] = (byte)'[';
            }

            position += n;
            return n;
        }

        public override void Flush() => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
