using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using DriveSync.Host.Api;
using DriveSync.Host.Hosting;
using DriveSync.Pipeline.Runs;
using DriveSync.Telemetry;
using DriveSync.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace DriveSync.Host.Tests;

/// <summary>
/// <c>serve</c>'s telemetry at the wire: the Azure Monitor exporter posting to a stand-in ingestion endpoint, for a real
/// run whose files and names carry PII. Each envelope's base type is the Application Insights table it lands in.
/// </summary>
[Collection("Azurite")]
public sealed class TelemetryTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task AzureMonitor_RunWithPlantedPii_EventsMetricsDependenciesInOneTraceAndNoPii()
    {
        using var cts = TestTimeout.Start(TimeSpan.FromSeconds(120));
        await using var ingestion = await AzureMonitorReceiver.StartAsync(cts.Token);
        await using var harness = await ServeHarness.StartAsync(azurite, cts.Token);
        harness.AddTextFiles(10);
        var quarantinedId = harness.AddQuarantinedImage();
        var serve = await harness.StartServeAsync(cts.Token, extraSettings: new Dictionary<string, string?> { [TelemetryOptions.ApplicationInsightsKey] = ingestion.ConnectionString });
        using var client = UntracedClient(serve);

        var id = await serve.StartRunAsync(client, cts.Token);
        var run = await ServeInstance.WaitFinishedAsync(client, id, TimeSpan.FromSeconds(60), cts.Token);
        Assert.Equal(1, ServeInstance.Member(run.GetProperty("customStatus"), "quarantined").GetInt64());
        // The run reads as finished a moment before its finalizer raises RunCompleted.
        await TestWait.UntilAsync(() => Task.FromResult(serve.Logs.Entries.Any(e => e.Message.StartsWith("RunCompleted", StringComparison.Ordinal))), TimeSpan.FromSeconds(20));
        Flush(serve.App.Services);

        var envelopes = ingestion.Envelopes;
        var events = envelopes.Where(e => e.BaseType == "EventData").ToList();
        var started = Assert.Single(events, e => e.Name == "RunStarted");
        Assert.Equal(id, started.Property("RunId"));
        var completed = Assert.Single(events, e => e.Name == "RunCompleted");
        Assert.Equal("Completed", completed.Property("RuntimeStatus"));
        Assert.Equal("10", completed.Property("Uploaded"));
        Assert.Equal("1", completed.Property("Quarantined"));
        Assert.Equal("0", completed.Property("Reprocessed"));
        Assert.Equal("0", completed.Property("Removed"));
        Assert.True(long.Parse(completed.Property("Pii_SSN") ?? "0", CultureInfo.InvariantCulture) >= 10);
        var quarantined = Assert.Single(events, e => e.Name == "FileQuarantined");
        Assert.Equal(id, quarantined.Property("RunId"));
        Assert.Equal(quarantinedId, quarantined.Property("FileId"));
        Assert.False(string.IsNullOrWhiteSpace(quarantined.Property("Reason")));

        var metrics = envelopes.Where(e => e.BaseType == "MetricData").ToList();
        Assert.Equal(11, metrics.Where(m => m.Metric.Name == "drivesync.files").Sum(m => m.Metric.Value));
        Assert.Equal(10, metrics.Where(m => m.Metric.Name == "drivesync.files" && m.Property("outcome") == "uploaded").Sum(m => m.Metric.Value));
        Assert.True(metrics.Where(m => m.Metric.Name == "drivesync.pii").Sum(m => m.Metric.Value) >= 10);
        Assert.Contains(metrics, m => m.Metric.Name == "drivesync.bytes" && m.Property("direction") == "written" && m.Metric.Value > 0);
        Assert.True(metrics.Where(m => m.Metric.Name == "drivesync.drive.calls").Sum(m => m.Metric.Value) >= 12);
        Assert.Contains(metrics, m => m.Metric.Name == "drivesync.drive.duration" && m.Property("kind") == "media");

        // One run is one trace: the run's spans, its Drive and Storage calls and its events share the run's operation id.
        var operation = started.OperationId;
        Assert.False(string.IsNullOrEmpty(operation));
        var dependencies = envelopes.Where(e => e.BaseType == "RemoteDependencyData").ToList();
        var spans = dependencies.Where(d => d.Field("type") == "InProc").ToList();
        var runSpan = Assert.Single(spans, s => s.Name == RunTracing.Run && s.Property(RunTracing.RunIdTag) == id);
        Assert.Equal(operation, runSpan.OperationId);
        Assert.Contains(spans, s => s.Name == RunTracing.Page && s.OperationId == operation);
        Assert.Equal(11, spans.Count(s => s.Name == RunTracing.File && s.OperationId == operation));
        Assert.Single(spans, s => s.Name == RunTracing.Finalize && s.OperationId == operation);
        Assert.All(spans.Where(s => s.Name is RunTracing.Page or RunTracing.Batch or RunTracing.Finalize),
            s => Assert.Equal(runSpan.Field("id"), s.ParentId));
        Assert.Equal(operation, completed.OperationId);
        Assert.Contains(dependencies, d => d.Field("type") == DependencyTypes.Drive && d.Field("success") == "true" && d.OperationId == operation);
        Assert.Contains(dependencies, d => d.Field("type") == DependencyTypes.Blob && d.Field("success") == "true" && d.OperationId == operation);
        Assert.DoesNotContain(dependencies, d => (d.Field("data") ?? string.Empty).Contains('?', StringComparison.Ordinal));
        // Calls outside a run (the engine's polling, the status API the test polls) are not exported: every call's parent is a span that was.
        var exported = dependencies.Select(d => d.Field("id")).ToHashSet();
        Assert.All(dependencies.Where(d => d.Field("type") != "InProc"), d => Assert.Contains(d.ParentId, exported));
        Assert.All(envelopes.Where(e => e.BaseType is "MessageData" or "EventData" or "RemoteDependencyData"),
            e => Assert.Equal(Telemetry.TelemetryExtensions.ServiceName, e.RoleName));

        Assert.Contains(envelopes, e => e.BaseType == "MessageData" && e.Property("RunId") == id);
        Assert.Empty(Canary.FoundIn(ingestion.Wire));
        Assert.DoesNotContain(serve.Logs.Entries, e => Canary.FoundIn(e.ToString()).Count > 0);
    }

    [Fact]
    public async Task RunCli_AzureMonitorConfigured_RunExportedAsOneTraceWithEventsAndNoPii()
    {
        using var cts = TestTimeout.Start(TimeSpan.FromSeconds(150));
        await using var ingestion = await AzureMonitorReceiver.StartAsync(cts.Token);
        await using var harness = await ServeHarness.StartAsync(azurite, cts.Token);
        harness.AddTextFiles(5);
        harness.AddQuarantinedImage();
        string[] args = ["run", .. harness.Settings.Where(s => s.Value is not null).Select(s => $"--{s.Key}={s.Value}"), $"--{TelemetryOptions.ApplicationInsightsKey}={ingestion.ConnectionString}"];

        var result = await Cli.CliProcess.RunAsync(TimeSpan.FromSeconds(120), args);

        Assert.True(result.ExitCode == 1, $"exit {result.ExitCode}: {result.Stderr}");
        var envelopes = ingestion.Envelopes;
        var started = Assert.Single(envelopes, e => e.BaseType == "EventData" && e.Name == "RunStarted");
        var completed = Assert.Single(envelopes, e => e.BaseType == "EventData" && e.Name == "RunCompleted");
        Assert.Equal(started.Property("RunId"), completed.Property("RunId"));
        Assert.Equal("cli", completed.Property("Trigger"));
        Assert.Equal("5", completed.Property("Uploaded"));
        Assert.Equal("1", completed.Property("Quarantined"));
        Assert.Single(envelopes, e => e.BaseType == "EventData" && e.Name == "FileQuarantined");
        var operation = started.OperationId;
        Assert.False(string.IsNullOrEmpty(operation));
        var spans = envelopes.Where(e => e.BaseType == "RemoteDependencyData" && e.Field("type") == "InProc").ToList();
        Assert.Single(spans, s => s.Name == RunTracing.Run && s.OperationId == operation);
        Assert.Equal(6, spans.Count(s => s.Name == RunTracing.File && s.OperationId == operation));
        Assert.Equal(operation, completed.OperationId);
        Assert.Equal(6, envelopes.Where(e => e.BaseType == "MetricData" && e.Metric.Name == "drivesync.files").Sum(m => m.Metric.Value));
        Assert.All(envelopes.Where(e => e.BaseType is "EventData" or "RemoteDependencyData"), e => Assert.Equal(Telemetry.TelemetryExtensions.ServiceName, e.RoleName));
        // The console stays as quiet as without telemetry: the events go to Application Insights, not to stderr.
        Assert.DoesNotContain("RunCompleted", result.Stderr, StringComparison.Ordinal);
        Assert.Empty(Canary.FoundIn(ingestion.Wire));
        Assert.Empty(Canary.FoundIn(result.AllOutput));
    }

    [Fact]
    public async Task Logging_ExceptionAndValuesWithPii_ScrubbedBeforeEveryProvider()
    {
        using var cts = TestTimeout.Start(TimeSpan.FromSeconds(60));
        await using var ingestion = await AzureMonitorReceiver.StartAsync(cts.Token);
        await using var harness = await ServeHarness.StartAsync(azurite, cts.Token);
        var serve = await harness.StartServeAsync(cts.Token, extraSettings: new Dictionary<string, string?> { [TelemetryOptions.ApplicationInsightsKey] = ingestion.ConnectionString });
        var logger = serve.App.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Test");

        using (logger.BeginScope(new Dictionary<string, object> { ["RunId"] = "run-1", ["Note"] = Canary.Email }))
        {
            logger.LogError(new InvalidOperationException($"could not read {Canary.FileName}"), "Failed for {Owner} at {Count}", Canary.Email, 3);
            logger.LogInformation("Request GET {Url}", $"http://h/?code={ServeHarness.Key}&x=1");
        }

        Flush(serve.App.Services);
        var keyed = Assert.Single(serve.Logs.Entries, e => e.Category == "Test" && e.Level == LogLevel.Information);
        Assert.Equal("Request GET http://h/?code=***&x=1", keyed.Message);
        var entry = Assert.Single(serve.Logs.Entries, e => e.Category == "Test" && e.Level == LogLevel.Error);
        Assert.Contains("[EMAIL]", entry.Message, StringComparison.Ordinal);
        Assert.Contains("System.InvalidOperationException", entry.Exception, StringComparison.Ordinal);
        Assert.Empty(Canary.FoundIn(entry.ToString()));
        var exception = Assert.Single(ingestion.Envelopes, e => e.BaseType == "ExceptionData");
        Assert.Equal("run-1", exception.Property("RunId"));
        Assert.Equal("[EMAIL]", exception.Property("Note"));
        Assert.Equal("3", exception.Property("Count"));
        Assert.Equal("System.InvalidOperationException", exception.Property(ScrubbedLogState.ExceptionType));
        Assert.Contains(ingestion.Envelopes, e => e.BaseType == "MessageData" && (e.Field("message") ?? string.Empty).Contains("code=***", StringComparison.Ordinal));
        Assert.Empty(Canary.FoundIn(ingestion.Wire));
        Assert.DoesNotContain(ServeHarness.Key, ingestion.Wire, StringComparison.Ordinal);

        var providers = serve.App.Services.GetServices<ILoggerProvider>().ToList();
        Assert.All(providers, p => Assert.IsType<ScrubbingLoggerProvider>(p));
        Assert.Contains(providers, p => ((ScrubbingLoggerProvider)p).Inner is OpenTelemetryLoggerProvider);
    }

    [Fact]
    public void ScrubAllProviders_SecondCallAfterANewProvider_WrapsEachOnceAndKeepsTheFirstMinimum()
    {
        var (console, telemetry) = (new LogCapture(), new LogCapture());
        var services = new ServiceCollection();
        services.AddLogging(logging =>
        {
            logging.AddProvider(console).ScrubAllProviders(minimum: LogLevel.Warning);
            logging.AddProvider(telemetry).ScrubAllProviders();
        });
        using var provider = services.BuildServiceProvider();
        var logger = provider.GetRequiredService<ILoggerFactory>().CreateLogger("Test");

        logger.LogInformation("RunCompleted for {Owner}", Canary.Email);
        logger.LogWarning("Drive throttled {Count} times", 3);

        var wrappers = provider.GetServices<ILoggerProvider>().Cast<ScrubbingLoggerProvider>().ToList();
        Assert.Equal(2, wrappers.Count);
        Assert.All(wrappers, w => Assert.IsType<LogCapture>(w.Inner));
        Assert.Equal(["Drive throttled 3 times"], console.Entries.Select(e => e.Message));
        Assert.Equal(["RunCompleted for [EMAIL]", "Drive throttled 3 times"], telemetry.Entries.Select(e => e.Message));
    }

    [Fact]
    public async Task ValidateDriveSyncOptions_BadTelemetrySettings_NameEachSetting()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            [TelemetryOptions.ApplicationInsightsKey] = "not-a-connection-string",
            [TelemetryOptions.OtlpEndpointKey] = "localhost:4317",
            [TelemetryOptions.OtlpProtocolKey] = "udp",
            [TelemetryOptions.SamplingRatioKey] = "1.5",
        }).Build();
        await using var app = ServeApplication.Build(configuration);

        var errors = app.Services.ValidateDriveSyncOptions();

        Assert.Contains(errors, e => e.StartsWith(TelemetryOptions.ApplicationInsightsKey, StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith(TelemetryOptions.OtlpEndpointKey, StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith(TelemetryOptions.OtlpProtocolKey, StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith(TelemetryOptions.SamplingRatioKey, StringComparison.Ordinal));
        Assert.Null(app.Services.GetService<TracerProvider>());
    }

    [Theory]
    [InlineData("0", 0)]
    [InlineData("0.25", 0.25)]
    [InlineData(null, 1)]
    public void Ratio_ValidSetting_ReadAsTheShareOfRunsTraced(string? setting, double expected)
    {
        var options = new TelemetryOptions { SamplingRatio = setting };

        Assert.Empty(options.Validate());
        Assert.Equal(expected, options.Ratio);
    }

    [Theory]
    [InlineData("https://acct.blob.core.windows.net/out/x.txt", DependencyTypes.Blob)]
    [InlineData("https://acct.queue.core.windows.net/q/messages", DependencyTypes.Queue)]
    [InlineData("https://acct.table.core.windows.net/Instances()", DependencyTypes.Table)]
    [InlineData("https://www.googleapis.com/drive/v3/files", DependencyTypes.Drive)]
    [InlineData("http://127.0.0.1:5555/drive/v3/files", DependencyTypes.Drive)]
    [InlineData("http://127.0.0.1:10001/devstoreaccount1/q", DependencyTypes.Queue)]
    [InlineData("http://127.0.0.1:9999/other", null)]
    public void Classify_CallsToConfiguredAndPublicEndpoints_TypedAsDriveOrStorage(string url, string? expected)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["DriveSync:Drive:BaseUri"] = "http://127.0.0.1:5555/",
            ["DriveSync:Storage:ConnectionString"] = "UseDevelopmentStorage=true",
        }).Build();

        Assert.Equal(expected, DependencyTypes.FromConfiguration(configuration).Classify(new Uri(url)));
    }

    [Fact]
    public async Task Problems_QuarantinedFile_ListedWithReasonAndSanitizedName()
    {
        using var cts = TestTimeout.Start(TimeSpan.FromSeconds(60));
        await using var harness = await ServeHarness.StartAsync(azurite, cts.Token);
        harness.AddTextFiles(2);
        var quarantinedId = harness.AddQuarantinedImage();
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

    /// <summary>
    /// A caller from outside: its requests carry no <c>traceparent</c> (this test process's own HttpClient spans would
    /// otherwise make every API request a sampled child of the test's trace).
    /// </summary>
    private static HttpClient UntracedClient(ServeInstance serve)
    {
        var handler = new SocketsHttpHandler { ActivityHeadersPropagator = DistributedContextPropagator.CreateNoOutputPropagator() };
        var client = new HttpClient(handler) { BaseAddress = serve.BaseUri, Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Add(ApiKeyAuthorizer.HeaderName, ServeHarness.Key);
        return client;
    }

    /// <summary>Exports what the providers hold now (the Azure Monitor exporter uploads on a force flush).</summary>
    private static void Flush(IServiceProvider services)
    {
        Assert.True(services.GetRequiredService<TracerProvider>().ForceFlush(10_000));
        Assert.True(services.GetRequiredService<MeterProvider>().ForceFlush(10_000));
        Assert.True(services.GetRequiredService<LoggerProvider>().ForceFlush(10_000));
    }
}
