using System.Collections.Concurrent;
using System.Net;
using DriveSync.DriveEmulator;
using DriveSync.Testing;
using Microsoft.Extensions.Time.Testing;
using Polly.CircuitBreaker;

namespace DriveSync.GoogleDrive.Tests;

public sealed class DrivePacerResilienceTests
{
    [Fact]
    public async Task DownloadAsync_TenPercentFaultsAndPerMinuteQuota_EveryFileArrivesIntact()
    {
        using var cts = TestTimeout.Start(TimeSpan.FromSeconds(90));
        // The quota window runs on a fake clock that the test moves on by a minute whenever the quota bites, so the
        // 600/min quota is certain to be hit by 700+ requests and no test waits out a real minute.
        var quotaClock = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        await using var drive = await DriveHarness.StartAsync(
            cts.Token,
            o =>
            {
                o.MaxRetries = 20;
                o.RetryMaxDelay = TimeSpan.FromMilliseconds(100);
            },
            new DriveEmulatorOptions { BearerToken = DriveHarness.Token, TimeProvider = quotaClock, Seed = 42 });
        var contents = new Dictionary<string, byte[]>();
        for (var i = 0; i < 700; i++)
        {
            var bytes = DriveHarness.Content(i, 300 + i);
            contents[drive.Store.AddFile(drive.Store.RootFolderId, $"f{i}", bytes)] = bytes;
        }

        drive.Emulator.Faults.FaultRate = 0.10;
        drive.Emulator.Faults.QuotaPerMinute = 600;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cts.Token);
        var clockMover = MoveClockWhenQuotaBitesAsync(drive.Emulator.Counters, quotaClock, stop.Token);

        var files = await drive.ListAllAsync(cts.Token);
        var received = new ConcurrentDictionary<string, byte[]>();
        await Parallel.ForEachAsync(files, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cts.Token }, async (file, ct) =>
        {
            using var destination = new MemoryStream();
            await drive.Client.DownloadAsync(file, destination, ct);
            received[file.Id] = destination.ToArray();
        });
        await stop.CancelAsync();
        await clockMover;

        Assert.Equal(contents.Count, received.Count);
        Assert.All(contents, pair => Assert.Equal(pair.Value, received[pair.Key]));
        var counters = drive.Emulator.Counters;
        Assert.True(counters.QuotaRejections > 0, "the quota was never hit");
        Assert.True(counters.FaultsInjected > 30, $"only {counters.FaultsInjected} faults injected");
        Assert.True(drive.Client.Counters.Throttles >= counters.QuotaRejections);
        Assert.Equal(counters.TotalRequests, drive.Client.Counters.Requests);
    }

    private static async Task MoveClockWhenQuotaBitesAsync(EmulatorCounters counters, FakeTimeProvider clock, CancellationToken stop)
    {
        long seen = 0;
        while (!stop.IsCancellationRequested)
        {
            var rejections = counters.QuotaRejections;
            if (rejections > seen)
            {
                seen = rejections;
                clock.Advance(TimeSpan.FromMinutes(1));
            }

            try
            {
                await Task.Delay(10, stop);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
        }
    }

    [Fact]
    public async Task ExecuteAsync_ConfiguredRate_ObservedRateStaysAtOrUnder()
    {
        using var cts = TestTimeout.Start(TimeSpan.FromSeconds(30));
        const double rate = 20;
        const int burst = 5;
        await using var drive = await DriveHarness.StartAsync(cts.Token, o =>
        {
            o.RequestsPerSecond = rate;
            o.Burst = burst;
        });
        for (var i = 0; i < 50; i++)
            drive.Store.AddFile(drive.Store.RootFolderId, $"f{i}", [(byte)i]);

        var files = await drive.ListAllAsync(cts.Token);
        await Parallel.ForEachAsync(files, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cts.Token }, async (file, ct) =>
            await drive.Client.DownloadAsync(file, Stream.Null, ct));

        var times = drive.Emulator.Counters.RequestTimes();
        Assert.Equal(51, times.Count);
        for (var i = 0; i < times.Count; i++)
        {
            var inWindow = times.Skip(i).TakeWhile(t => t - times[i] < TimeSpan.FromSeconds(1)).Count();
            // A request is stamped on arrival, not when its token was granted; allow a quarter second of network jitter.
            Assert.True(inWindow <= burst + (rate * 1.25), $"{inWindow} requests within one second starting at request {i}");
        }

        var span = (times[^1] - times[0]).TotalSeconds;
        Assert.True(span >= ((times.Count - burst) / rate) - 0.25, $"51 requests took only {span:F2} s");
    }

    [Fact]
    public async Task ExecuteAsync_LongWaitForRateTokens_NotCountedAgainstAttemptTimeout()
    {
        using var cts = TestTimeout.Start();
        await using var drive = await DriveHarness.StartAsync(cts.Token, o =>
        {
            o.RequestsPerSecond = 5;
            o.Burst = 1;
            o.PerAttemptTimeout = TimeSpan.FromSeconds(1);
        });

        var calls = Enumerable.Range(0, 12).Select(_ => drive.Client.GetFileAsync(drive.Store.RootFolderId, cts.Token));
        var results = await Task.WhenAll(calls);

        Assert.Equal(12, results.Length);
        Assert.Equal(0, drive.Client.Counters.Retries);
        Assert.Equal(12, drive.Emulator.Counters.TotalRequests);
    }

    [Fact]
    public async Task ExecuteAsync_Unauthorized_StopRunWithoutRetry()
    {
        using var cts = TestTimeout.Start();
        await using var drive = await DriveHarness.StartAsync(cts.Token, o => o.BearerToken = "wrong-token");

        var error = await Assert.ThrowsAsync<DriveApiException>(() => drive.Client.GetFileAsync(drive.Store.RootFolderId, cts.Token));

        Assert.Equal(HttpStatusCode.Unauthorized, error.StatusCode);
        Assert.Equal(DriveFailureAction.StopRun, DriveFailureClassifier.Classify(error));
        Assert.Equal(1, drive.Emulator.Counters.Unauthorized);
        Assert.Equal(0, drive.Client.Counters.Retries);
    }

    [Fact]
    public async Task ExecuteAsync_ApiKeepsFailing_CircuitOpensAndStopsTheRun()
    {
        using var cts = TestTimeout.Start();
        await using var drive = await DriveHarness.StartAsync(cts.Token, o =>
        {
            o.MaxRetries = 10;
            o.CircuitMinimumThroughput = 4;
            o.CircuitFailureRatio = 0.5;
            o.CircuitSamplingDuration = TimeSpan.FromSeconds(30);
            o.CircuitBreakDuration = TimeSpan.FromSeconds(30);
        });
        drive.Emulator.Faults.Enqueue(EmulatorFaultKind.ServiceUnavailable, 100);

        var error = await Assert.ThrowsAsync<BrokenCircuitException>(() => drive.Client.GetFileAsync(drive.Store.RootFolderId, cts.Token));
        await Assert.ThrowsAsync<BrokenCircuitException>(() => drive.Client.GetFileAsync(drive.Store.RootFolderId, cts.Token));

        Assert.Equal(DriveFailureAction.StopRun, DriveFailureClassifier.Classify(error));
        Assert.Equal(4, drive.Emulator.Counters.TotalRequests);
    }

    [Fact]
    public async Task ExecuteAsync_SlowResponse_AttemptTimesOutAndIsRetried()
    {
        using var cts = TestTimeout.Start();
        await using var drive = await DriveHarness.StartAsync(cts.Token, o => o.PerAttemptTimeout = TimeSpan.FromSeconds(1));
        drive.Emulator.Faults.SlowResponseDelay = TimeSpan.FromSeconds(30);
        drive.Emulator.Faults.Enqueue(EmulatorFaultKind.SlowResponse);

        var root = await drive.Client.GetFileAsync(drive.Store.RootFolderId, cts.Token);

        Assert.Equal(GoogleMimeTypes.Folder, root.MimeType);
        Assert.Equal(1, drive.Client.Counters.Retries);
        Assert.Equal(2, drive.Emulator.Counters.TotalRequests);
    }

    [Fact]
    public async Task ExecuteAsync_TooManyRequests_HonoursRetryAfter()
    {
        using var cts = TestTimeout.Start();
        await using var drive = await DriveHarness.StartAsync(cts.Token, o => o.RetryMaxDelay = TimeSpan.FromSeconds(5));
        drive.Emulator.Faults.RetryAfter = TimeSpan.FromSeconds(1);
        drive.Emulator.Faults.Enqueue(EmulatorFaultKind.TooManyRequests);

        var started = TimeProvider.System.GetTimestamp();
        await drive.Client.GetFileAsync(drive.Store.RootFolderId, cts.Token);
        var elapsed = TimeProvider.System.GetElapsedTime(started);

        Assert.True(elapsed >= TimeSpan.FromSeconds(0.95), $"retried after {elapsed.TotalMilliseconds} ms, before Retry-After");
        Assert.Equal(1, drive.Client.Counters.Throttles);
        Assert.Equal(1, drive.Client.Counters.Retries);
    }
}
