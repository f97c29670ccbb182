using System.Text.Json.Nodes;
using DriveSync.Pipeline.Orchestration;
using DriveSync.Testing;

namespace DriveSync.Functions.Tests;

/// <summary>
/// What the Functions host will index, read from the Worker SDK's output (the host itself cannot run here): every
/// function with its trigger and bindings, the extension bundle-free payload and the worker's start-up file.
/// </summary>
public sealed class FunctionsMetadataTests
{
    private static readonly IReadOnlyDictionary<string, JsonObject> Functions = FunctionsApp.Functions();

    [Fact]
    public void Metadata_Functions_AreExactlyTheTriggersAndTheSyncFolderTasks()
    {
        string[] expected =
        [
            FunctionNames.ScheduledRun, FunctionNames.StartRun, FunctionNames.GetRunProblems,
            PipelineTasks.SyncFolder, PipelineTasks.ListPage, PipelineTasks.ProcessBatch, PipelineTasks.FinalizeRun,
        ];

        Assert.Equal(expected.Order(StringComparer.Ordinal), Functions.Keys.Order(StringComparer.Ordinal));
        Assert.All(Functions.Values, function =>
        {
            Assert.Equal("dotnet-isolated", function["language"]!.GetValue<string>());
            Assert.Equal("DriveSync.Functions.dll", function["scriptFile"]!.GetValue<string>());
        });
    }

    [Fact]
    public void ScheduledRun_TimerTrigger_ReadsTheScheduleSettingAndNeverFiresOnStartup()
    {
        var timer = Trigger(FunctionNames.ScheduledRun);

        Assert.Equal("timerTrigger", timer["type"]!.GetValue<string>());
        Assert.Equal("%DriveSync:Timer:Schedule%", timer["schedule"]!.GetValue<string>());
        Assert.False(timer["runOnStartup"]!.GetValue<bool>());
        Assert.True(timer["useMonitor"]!.GetValue<bool>());
        Assert.Contains(Bindings(FunctionNames.ScheduledRun), binding => binding["type"]!.GetValue<string>() == "durableClient");
    }

    [Theory]
    [InlineData(FunctionNames.StartRun, "post", "runs")]
    [InlineData(FunctionNames.GetRunProblems, "get", "runs/{id}/problems")]
    public void HttpFunctions_Trigger_RouteMethodAndFunctionKey(string name, string method, string route)
    {
        var trigger = Trigger(name);

        Assert.Equal("httpTrigger", trigger["type"]!.GetValue<string>());
        Assert.Equal(route, trigger["route"]!.GetValue<string>());
        Assert.Equal([method], trigger["methods"]!.AsArray().Select(m => m!.GetValue<string>()));
        Assert.Equal("Function", trigger["authLevel"]!.GetValue<string>());
        var bindings = Bindings(name);
        Assert.Contains(bindings, binding => binding["type"]!.GetValue<string>() == "durableClient");
        Assert.Contains(bindings, binding => binding["type"]!.GetValue<string>() == "http" && binding["name"]!.GetValue<string>() == "$return" && binding["direction"]!.GetValue<string>() == "Out");
    }

    [Fact]
    public void SyncFolder_OrchestrationTrigger_UnderTheNameDrivesyncRegisters()
    {
        var trigger = Trigger(PipelineTasks.SyncFolder);

        Assert.Equal("orchestrationTrigger", trigger["type"]!.GetValue<string>());
        Assert.Single(Bindings(PipelineTasks.SyncFolder));
    }

    [Theory]
    [InlineData(PipelineTasks.ListPage)]
    [InlineData(PipelineTasks.ProcessBatch)]
    [InlineData(PipelineTasks.FinalizeRun)]
    public void Activities_ActivityTrigger_UnderTheNamesDrivesyncRegisters(string name)
    {
        var trigger = Trigger(name);

        Assert.Equal("activityTrigger", trigger["type"]!.GetValue<string>());
        Assert.Single(Bindings(name));
    }

    [Fact]
    public void ExtensionsJson_DurableTaskExtension_ListedWithItsAssembly()
    {
        var extensions = FunctionsApp.ReadJson("extensions.json")["extensions"]!.AsArray().Select(e => e!.AsObject()).ToList();

        var durable = Assert.Single(extensions, e => e["name"]!.GetValue<string>() == "DurableTask");
        Assert.StartsWith("Microsoft.Azure.WebJobs.Extensions.DurableTask.DurableTaskWebJobsStartup, Microsoft.Azure.WebJobs.Extensions.DurableTask,", durable["typeName"]!.GetValue<string>(), StringComparison.Ordinal);
        var hint = durable["hintPath"]!.GetValue<string>();
        Assert.Equal("./.azurefunctions/Microsoft.Azure.WebJobs.Extensions.DurableTask.dll", hint);
        Assert.True(File.Exists(Path.Combine(FunctionsApp.OutputDirectory, hint)), hint);
        Assert.True(File.Exists(Path.Combine(FunctionsApp.OutputDirectory, ".azurefunctions", "DurableTask.AzureStorage.dll")));
    }

    [Fact]
    public void WorkerConfig_StartsTheAppWithDotnet()
    {
        var description = FunctionsApp.ReadJson("worker.config.json")["description"]!.AsObject();

        Assert.Equal("dotnet-isolated", description["language"]!.GetValue<string>());
        Assert.Equal("dotnet", description["defaultExecutablePath"]!.GetValue<string>());
        Assert.Equal("DriveSync.Functions.dll", description["defaultWorkerPath"]!.GetValue<string>());
    }

    [Fact]
    public async Task Publish_Output_HoldsHostJsonWorkerConfigMetadataAndExtensionPayload()
    {
        using var cts = TestTimeout.Start(TimeSpan.FromMinutes(5));
        var directory = Directory.CreateTempSubdirectory("drivesync-functions-publish-").FullName;
        try
        {
            await FunctionsApp.PublishAsync(directory, cts.Token);

            foreach (var file in new[] { "host.json", "worker.config.json", "functions.metadata", "extensions.json", "DriveSync.Functions.dll", ".azurefunctions/Microsoft.Azure.WebJobs.Extensions.DurableTask.dll" })
            {
                Assert.True(File.Exists(Path.Combine(directory, file)), $"publish output lacks {file}");
            }

            Assert.Equal(File.ReadAllText(Path.Combine(RepoPaths.Root, "host.json")), File.ReadAllText(Path.Combine(directory, "host.json")));
            Assert.False(File.Exists(Path.Combine(directory, "local.settings.json")));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static JsonObject Trigger(string function) =>
        Assert.Single(Bindings(function), binding => binding["type"]!.GetValue<string>().EndsWith("Trigger", StringComparison.Ordinal));

    private static List<JsonObject> Bindings(string function) =>
        Functions[function]["bindings"]!.AsArray().Select(b => b!.AsObject()).ToList();
}
