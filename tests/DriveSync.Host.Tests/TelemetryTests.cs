using System.Net.Http.Json;
using System.Text.Json;
using DriveSync.Host.Telemetry;
using DriveSync.Telemetry;
using DriveSync.Testing;
using Microsoft.ApplicationInsights.Channel;
using Microsoft.ApplicationInsights.DataContracts;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DriveSync.Host.Tests;

/// <summary>Application Insights at the wire (a capturing channel) for a real run whose files and names carry PII.</summary>
[Collection("Azurite")]
public sealed class TelemetryTests(AzuriteFixture azurite)
{
    private const string ConnectionString = "InstrumentationKey=11111111-2222-3333-4444-555555555555;IngestionEndpoint=http://127.0.0.1:9/";

    [Fact]
    public async Task ApplicationInsights_RunWithPlantedPii_EventsMetricsDependenciesAndNoPii()
    {
        using var cts = TestTimeout.Start(TimeSpan.FromSeconds(90));
        await using var harness = await ServeHarness.StartAsync(azurite, cts.Token);
        harness.AddTextFiles(10);
        var quarantinedId = harness.Drive.Store.AddFile(harness.Drive.Store.RootFolderId, Canary.FileName + ".png", Canary.Image, "image/png");
        var capture = new TelemetryCapture();
        var serve = await harness.StartServeAsync(
            cts.Token,
            services => services.AddSingleton<ITelemetryChannel>(capture),
            new Dictionary<string, string?> { [TelemetryOptions.ApplicationInsightsKey] = ConnectionString });
        using var client = serve.Client();

        var id = await serve.StartRunAsync(client, cts.Token);
        var run = await ServeInstance.WaitFinishedAsync(client, id, TimeSpan.FromSeconds(60), cts.Token);
        Assert.Equal(1, ServeInstance.Member(run.GetProperty("customStatus"), "quarantined").GetInt64());
        // The run reads as finished a moment before its finalizer raises RunCompleted.
        await TestWait.UntilAsync(() => Task.FromResult(capture.Items.OfType<EventTelemetry>().Any(e => e.Name == "RunCompleted")), TimeSpan.FromSeconds(20));
        await serve.App.Services.GetRequiredService<TelemetryLifetime>().FlushAsync(cts.Token).WaitAsync(TimeSpan.FromSeconds(10), cts.Token);

        var events = capture.Items.OfType<EventTelemetry>().ToList();
        var started = Assert.Single(events, e => e.Name == "RunStarted");
        Assert.Equal(id, started.Properties["RunId"]);
        var completed = Assert.Single(events, e => e.Name == "RunCompleted");
        Assert.Equal("Completed", completed.Properties["RuntimeStatus"]);
        Assert.Equal(10, completed.Metrics["Uploaded"]);
        var quarantined = Assert.Single(events, e => e.Name == "FileQuarantined");
        Assert.Equal(id, quarantined.Properties["RunId"]);
        Assert.Equal(quarantinedId, quarantined.Properties["FileId"]);
        Assert.False(string.IsNullOrWhiteSpace(quarantined.Properties["Reason"]));

        var metrics = capture.Items.OfType<MetricTelemetry>().ToList();
        Assert.Equal(11, metrics.Where(m => m.Name == "drivesync.files").Sum(m => m.Sum));
        Assert.Equal(10, metrics.Single(m => m.Name == "drivesync.files" && m.Properties["outcome"] == "uploaded").Sum);
        Assert.Contains(metrics, m => m.Name == "drivesync.pii" && m.Sum >= 10);
        Assert.Contains(metrics, m => m.Name == "drivesync.bytes" && m.Properties["direction"] == "written" && m.Sum > 0);
        Assert.True(metrics.Where(m => m.Name == "drivesync.drive.calls").Sum(m => m.Sum) >= 12);

        var dependencies = capture.Items.OfType<DependencyTelemetry>().ToList();
        Assert.Contains(dependencies, d => d.Type == DependencyTargets.Drive && d.Success == true);
        Assert.Contains(dependencies, d => d.Type == DependencyTargets.Blob && d.Success == true);
        Assert.Contains(dependencies, d => d.Type == DependencyTargets.Queue);
        Assert.DoesNotContain(dependencies, d => d.Data.Contains('?', StringComparison.Ordinal));

        Assert.Contains(capture.Items.OfType<TraceTelemetry>(), t => t.Properties.TryGetValue("RunId", out var runId) && runId == id);
        var wire = capture.Serialized();
        Assert.Contains("FileQuarantined", wire, StringComparison.Ordinal);
        Assert.Empty(Canary.FoundIn(wire));
        Assert.DoesNotContain(serve.Logs.Entries, e => Canary.FoundIn(e.ToString()).Count > 0);
    }

    [Fact]
    public async Task Logging_ExceptionAndValuesWithPii_ScrubbedBeforeEveryProvider()
    {
        using var cts = TestTimeout.Start(TimeSpan.FromSeconds(60));
        await using var harness = await ServeHarness.StartAsync(azurite, cts.Token);
        var capture = new TelemetryCapture();
        var serve = await harness.StartServeAsync(
            cts.Token,
            services => services.AddSingleton<ITelemetryChannel>(capture),
            new Dictionary<string, string?> { [TelemetryOptions.ApplicationInsightsKey] = ConnectionString });
        var logger = serve.App.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Test");

        using (logger.BeginScope(new Dictionary<string, object> { ["RunId"] = "run-1", ["Note"] = Canary.Email }))
        {
            logger.LogError(new InvalidOperationException($"could not read {Canary.FileName}"), "Failed for {Owner} at {Count}", Canary.Email, 3);
            logger.LogInformation("Request GET {Url}", $"http://h/?code={ServeHarness.Key}&x=1");
        }

        await serve.App.Services.GetRequiredService<TelemetryLifetime>().FlushAsync(cts.Token).WaitAsync(TimeSpan.FromSeconds(10), cts.Token);
        var keyed = Assert.Single(serve.Logs.Entries, e => e.Category == "Test" && e.Level == LogLevel.Information);
        Assert.Equal("Request GET http://h/?code=***&x=1", keyed.Message);
        var entry = Assert.Single(serve.Logs.Entries, e => e.Category == "Test" && e.Level == LogLevel.Error);
        Assert.Contains("[EMAIL]", entry.Message, StringComparison.Ordinal);
        Assert.Contains("System.InvalidOperationException", entry.Exception, StringComparison.Ordinal);
        Assert.Empty(Canary.FoundIn(entry.ToString()));
        var exception = Assert.Single(capture.Items.OfType<ExceptionTelemetry>());
        Assert.Equal("run-1", exception.Properties["RunId"]);
        Assert.Equal("[EMAIL]", exception.Properties["Note"]);
        Assert.Equal("3", exception.Properties["Count"]);
        Assert.Empty(Canary.FoundIn(capture.Serialized()));
        Assert.DoesNotContain(ServeHarness.Key, capture.Serialized(), StringComparison.Ordinal);

        var providers = serve.App.Services.GetServices<ILoggerProvider>().ToList();
        Assert.All(providers, p => Assert.IsType<ScrubbingLoggerProvider>(p));
        Assert.Contains(providers, p => ((ScrubbingLoggerProvider)p).Inner is ApplicationInsightsLoggerProvider);
    }

    [Fact]
    public async Task Problems_QuarantinedFile_ListedWithReasonAndSanitizedName()
    {
        using var cts = TestTimeout.Start(TimeSpan.FromSeconds(60));
        await using var harness = await ServeHarness.StartAsync(azurite, cts.Token);
        harness.AddTextFiles(2);
        var quarantinedId = harness.Drive.Store.AddFile(harness.Drive.Store.RootFolderId, Canary.FileName + ".png", Canary.Image, "image/png");
        var serve = await harness.StartServeAsync(cts.Token);
        using var client = serve.Client();
        var id = await serve.StartRunAsync(client, cts.Token);
        await ServeInstance.WaitFinishedAsync(client, id, TimeSpan.FromSeconds(60), cts.Token);

        var body = await client.GetFromJsonAsync<JsonElement>($"api/runs/{id}/problems", cts.Token);
        var problem = Assert.Single(body.GetProperty("items").EnumerateArray());
        Assert.Equal(1, body.GetProperty("total").GetInt64());
        Assert.Equal(quarantinedId, problem.GetProperty("fileId").GetString());
        Assert.Equal("quarantined", problem.GetProperty("outcome").GetString());
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("reason").GetString()));
        Assert.Empty(Canary.FoundIn(body.GetRawText()));
    }
}
