using System.Diagnostics;
using DriveSync.DriveEmulator;
using DriveSync.Functions.Hosting;
using DriveSync.Pipeline.Ports;
using DriveSync.Pipeline.Runs;
using DriveSync.Telemetry;
using DriveSync.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace DriveSync.Functions.Tests;

/// <summary>
/// The Functions app's metrics and traces as its exporters receive them (an in-memory exporter added after the configured
/// one, so after our processors), for Drive calls made over real HTTP to the Drive emulator through the app's own services.
/// OpenTelemetry listens to every <c>DriveSync.*</c> source and meter in the process, so these tests run alone: other
/// tests' Drive and Storage calls would otherwise be exported beside theirs.
/// </summary>
[Collection(nameof(TelemetryExportTests))]
public sealed class TelemetryExportTests
{
    private const string Token = "test-token";

    [Fact]
    public async Task AddDriveSyncOpenTelemetry_DriveCall_ExportedAsDriveMetrics()
    {
        using var cts = TestTimeout.Start(TimeSpan.FromSeconds(60));
        await using var drive = await DriveEmulatorServer.StartAsync(new DriveEmulatorOptions { BearerToken = Token }, cts.Token);
        drive.Store.AddFile(drive.Store.RootFolderId, "notice.txt", "hello"u8.ToArray(), "text/plain");
        var metrics = new List<Metric>();
        await using var services = BuildServices(drive, services => services.ConfigureOpenTelemetryMeterProvider(m => m.AddInMemoryExporter(metrics)));
        var meters = services.GetRequiredService<MeterProvider>();

        var page = await services.GetRequiredService<IDriveSource>().ListPageAsync(null, cts.Token).WaitAsync(cts.Token);
        meters.ForceFlush(10_000); // false: the OTLP exporter beside it has no collector to reach

        Assert.Single(page.Files);
        var calls = Assert.Single(metrics, m => m.Name == "drivesync.drive.calls");
        Assert.True(Points(calls).Sum(p => p.GetSumLong()) >= 1);
        var duration = Assert.Single(metrics, m => m.Name == "drivesync.drive.duration");
        Assert.Equal("s", duration.Unit);
        Assert.True(Points(duration).Sum(p => p.GetHistogramCount()) >= 1);
    }

    [Fact]
    public async Task AddDriveSyncOpenTelemetry_DriveCallInsideARun_ExportedAsTypedChildSpanOnly()
    {
        using var cts = TestTimeout.Start(TimeSpan.FromSeconds(60));
        await using var drive = await DriveEmulatorServer.StartAsync(new DriveEmulatorOptions { BearerToken = Token }, cts.Token);
        var spans = new List<Activity>();
        await using var services = BuildServices(drive, services => services.ConfigureOpenTelemetryTracerProvider(t => t.AddInMemoryExporter(spans)));
        var tracer = services.GetRequiredService<TracerProvider>();
        var source = services.GetRequiredService<IDriveSource>();

        await source.ListPageAsync(null, cts.Token).WaitAsync(cts.Token);
        string runTrace;
        using (var run = RunTracing.StartRun("test"))
        {
            Assert.NotNull(run);
            runTrace = run.TraceId.ToHexString();
            using var page = RunTracing.StartChild(RunTracing.Page, "run-1", RunTracing.TraceParentOf(run));
            await source.ListPageAsync(null, cts.Token).WaitAsync(cts.Token);
        }

        tracer.ForceFlush(10_000);
        var calls = spans.Where(s => s.Source.Name == OpenTelemetryServiceCollectionExtensions.HttpClientSource).ToList();
        Assert.NotEmpty(calls);
        Assert.All(calls, call =>
        {
            Assert.Equal(runTrace, call.TraceId.ToHexString());
            Assert.Equal(DependencyTypes.Drive, call.GetTagItem(DependencyProcessor.DependencyTypeAttribute));
            Assert.DoesNotContain('?', (string)call.GetTagItem(UrlScrubbingProcessor.UrlAttribute)!);
        });
        Assert.Contains(spans, s => s.OperationName == RunTracing.Page && s.TraceId.ToHexString() == runTrace);
    }

    private static List<MetricPoint> Points(Metric metric)
    {
        var points = new List<MetricPoint>();
        foreach (ref readonly var point in metric.GetMetricPoints())
            points.Add(point);
        return points;
    }

    private static ServiceProvider BuildServices(DriveEmulatorServer drive, Action<IServiceCollection> capture)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            [TelemetryOptions.OtlpEndpointKey] = "http://127.0.0.1:9",
            ["DriveSync:Storage:ConnectionString"] = "UseDevelopmentStorage=true",
            ["DriveSync:Drive:BaseUri"] = drive.BaseUri.ToString(),
            ["DriveSync:Drive:BearerToken"] = Token,
            ["DriveSync:Drive:FolderId"] = drive.Store.RootFolderId,
        }).Build();
        var services = new ServiceCollection().AddLogging().AddDriveSyncFunctions(configuration);
        services.AddDriveSyncOpenTelemetry(configuration, FunctionsHosting.ServiceName);
        capture(services);
        var provider = services.BuildServiceProvider();
        _ = provider.GetRequiredService<MeterProvider>();
        _ = provider.GetRequiredService<TracerProvider>();
        return provider;
    }
}

/// <summary>The telemetry export tests, run after the parallel ones and one at a time.</summary>
[CollectionDefinition(nameof(TelemetryExportTests), DisableParallelization = true)]
public sealed class TelemetryExportCollection;
