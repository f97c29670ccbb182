using System.Text.Json.Nodes;
using DriveSync.DurableEngine;

namespace DriveSync.Deployment.Tests;

/// <summary>
/// host.json against the code: the Durable extension in Azure runs with the same task-hub settings as the embedded
/// engine of <c>drivesync</c> (its <see cref="DurableEngineOptions"/> defaults), the hub name comes from the same
/// setting, and nothing of the custom handler is left.
/// </summary>
public sealed class HostJsonTests
{
    private static readonly JsonObject Host = JsonNode.Parse(File.ReadAllText(RepositoryFiles.HostJson))!.AsObject();
    private static readonly JsonObject Durable = Host["extensions"]!["durableTask"]!.AsObject();
    private static readonly DurableEngineOptions Defaults = new();

    [Fact]
    public void HubName_ComesFromTheEngineTaskHubSetting()
    {
        Assert.Equal($"%{DurableEngineOptions.SectionName}:{nameof(DurableEngineOptions.TaskHubName)}%", Durable["hubName"]!.GetValue<string>());
        Assert.True(OptionsCatalog.App.IsKnown(SettingKey.Parse("DriveSync__Durable__TaskHubName")));
        Assert.Equal(Defaults.TaskHubName, LocalSettingsSample.ReadValues(File.ReadAllText(RepositoryFiles.LocalSettingsSample))["DriveSync__Durable__TaskHubName"]);
        Assert.Contains($"param taskHubName string = '{Defaults.TaskHubName}'", File.ReadAllText(RepositoryFiles.MainBicep), StringComparison.Ordinal);
    }

    [Fact]
    public void StorageProvider_MatchesTheEmbeddedEngineDefaults()
    {
        var provider = Durable["storageProvider"]!.AsObject();

        Assert.Equal("AzureStorage", provider["type"]!.GetValue<string>());
        Assert.Equal("AzureWebJobsStorage", provider["connectionName"]!.GetValue<string>());
        Assert.Equal(Defaults.PartitionCount, provider["partitionCount"]!.GetValue<int>());
        Assert.Equal(Defaults.ControlQueueVisibilityTimeout, TimeSpan.Parse(provider["controlQueueVisibilityTimeout"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(Defaults.WorkItemQueueVisibilityTimeout, TimeSpan.Parse(provider["workItemQueueVisibilityTimeout"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(Defaults.MaxQueuePollingInterval, TimeSpan.Parse(provider["maxQueuePollingInterval"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Concurrency_AndExtendedSessions_MatchTheEmbeddedEngineDefaults()
    {
        Assert.Equal(Defaults.MaxConcurrentActivities, Durable["maxConcurrentActivityFunctions"]!.GetValue<int>());
        Assert.Equal(Defaults.MaxConcurrentOrchestrations, Durable["maxConcurrentOrchestratorFunctions"]!.GetValue<int>());
        Assert.Equal(Defaults.ExtendedSessions, Durable["extendedSessionsEnabled"]!.GetValue<bool>());
        Assert.Equal((int)Defaults.ExtendedSessionIdleTimeout.TotalSeconds, Durable["extendedSessionIdleTimeoutInSeconds"]!.GetValue<int>());
    }

    [Fact]
    public void Tracing_NoInputsOrOutputsInLogs()
    {
        var tracing = Durable["tracing"]!.AsObject();

        Assert.False(tracing["traceInputsAndOutputs"]!.GetValue<bool>());
        Assert.False(tracing["traceReplayEvents"]!.GetValue<bool>());
        Assert.Equal("Information", Host["logging"]!["logLevel"]!["Host.Triggers.DurableTask"]!.GetValue<string>());
    }

    [Fact]
    public void TelemetryMode_OpenTelemetry_SoHostAndWorkerSpansJoinOneTrace()
    {
        Assert.Equal("OpenTelemetry", Host["telemetryMode"]!.GetValue<string>());
        Assert.Null(Host["logging"]!["applicationInsights"]);
        Assert.Contains("UseFunctionsWorkerDefaults()", File.ReadAllText(Path.Combine(RepositoryFiles.Root, "src", "DriveSync.Functions", "Program.cs")), StringComparison.Ordinal);
    }

    [Fact]
    public void FunctionTimeout_OutlastsTheQueueVisibilityTimeoutAndIsBounded()
    {
        var timeout = TimeSpan.Parse(Host["functionTimeout"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);

        Assert.InRange(timeout, TimeSpan.FromMinutes(10), TimeSpan.FromHours(1));
        Assert.True(timeout > Defaults.WorkItemQueueVisibilityTimeout);
    }

    [Fact]
    public void HostJson_IsolatedWorker_NoCustomHandlerNorExtensionBundle()
    {
        Assert.Equal("2.0", Host["version"]!.GetValue<string>());
        Assert.False(Host.ContainsKey("customHandler"));
        Assert.False(Host.ContainsKey("extensionBundle"), "the isolated worker ships its extensions in .azurefunctions/");
        Assert.Equal("api", Host["extensions"]!["http"]!["routePrefix"]!.GetValue<string>());
    }
}
