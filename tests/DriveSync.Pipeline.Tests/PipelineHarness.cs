using System.Security.Cryptography;
using DriveSync.DriveEmulator;
using DriveSync.Pipeline.Orchestration;
using DriveSync.Pipeline.Runs;
using DriveSync.Pipeline.State;
using DriveSync.Pipeline.Wiring;
using DriveSync.Pipeline.Work;
using DriveSync.Sanitization;
using DriveSync.Sanitization.Documents;
using DriveSync.Sanitization.Redaction;
using DriveSync.Testing;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DriveSync.Pipeline.Tests;

/// <summary>
/// A Drive emulator over real HTTP plus the shared Azurite, with unique containers per test, and the in-process Durable
/// Task test host running SyncFolder and its activities (<see cref="EngineAsync"/>, started on first use with the
/// settings as they are then). <see cref="NewProcess"/> builds a fresh service provider of the pipeline alone.
/// </summary>
public sealed class PipelineHarness : IAsyncDisposable
{
    private static readonly TimeSpan EngineStartTimeout = TimeSpan.FromSeconds(60);
    private readonly List<ServiceProvider> _processes = [];
    private DurableTaskTestHost? _engine;

    private PipelineHarness(AzuriteFixture azurite, DriveEmulatorServer drive)
    {
        Azurite = azurite;
        Drive = drive;
        var prefix = "t" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(5));
        OutputContainer = prefix + "-out";
        StateContainer = prefix + "-state";
        Settings = TestSettings.Pipeline(azurite.ConnectionString, drive.BaseUri, drive.Store.RootFolderId, Token, OutputContainer, StateContainer);
        Settings["DriveSync:Pipeline:BatchSize"] = "50";
        Settings["DriveSync:Pipeline:PagesPerGeneration"] = "2";
        Settings["DriveSync:Pipeline:FirstRetryInterval"] = "00:00:00.100";
        Settings["DriveSync:Pipeline:MaxRetryInterval"] = "00:00:00.500";
    }

    public const string Token = "test-token";

    public AzuriteFixture Azurite { get; }
    public DriveEmulatorServer Drive { get; }
    public string OutputContainer { get; }
    public string StateContainer { get; }
    public Dictionary<string, string?> Settings { get; }
    public LogCapture Logs { get; } = new();

    /// <summary>Registrations applied before the pipeline's (which use TryAdd), e.g. a probe around a port.</summary>
    public List<Action<IServiceCollection>> ExtraServices { get; } = [];

    public static async Task<PipelineHarness> StartAsync(AzuriteFixture azurite, CancellationToken cancellationToken)
    {
        var drive = await DriveEmulatorServer.StartAsync(new DriveEmulatorOptions { BearerToken = Token }, cancellationToken);
        return new PipelineHarness(azurite, drive);
    }

    /// <summary>A new "process": its own clients, pacer and caches, sharing only Azurite and the emulator.</summary>
    public ServiceProvider NewProcess()
    {
        var services = new ServiceCollection();
        AddPipeline(services);
        var provider = services.BuildServiceProvider();
        _processes.Add(provider);
        return provider;
    }

    /// <summary>The in-process engine running SyncFolder and its activities with the pipeline's services (started on first use).</summary>
    public async Task<DurableTaskTestHost> EngineAsync()
    {
        _engine ??= await InProcessEngine.StartAsync(registry => registry.AddPipelineTasks(), AddPipeline, TestContext.Current.CancellationToken)
            .WaitAsync(EngineStartTimeout, TestContext.Current.CancellationToken);
        return _engine;
    }

    /// <summary>Stops the engine; the next use starts a new one with the settings as they are then (earlier runs stay in the state container only).</summary>
    public async Task RestartEngineAsync()
    {
        if (_engine is not null)
            await _engine.DisposeAsync();
        _engine = null;
    }

    /// <summary>Starts (or joins) the folder's run through <see cref="SyncRunStarter"/>.</summary>
    public async Task<SyncRunStart> StartAsync(SyncRunRequest? request = null)
    {
        var engine = await EngineAsync();
        return await engine.Services.GetRequiredService<SyncRunStarter>().StartAsync(engine.Client, request ?? new SyncRunRequest("test"), TestContext.Current.CancellationToken)
            .WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
    }

    /// <summary>Waits for the run to finish; its instance with inputs, outputs and custom status.</summary>
    public async Task<OrchestrationMetadata> WaitAsync(string runId, TimeSpan? timeout = null)
    {
        var engine = await EngineAsync();
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(90));
        return await engine.Client.WaitForInstanceCompletionAsync(runId, getInputsAndOutputs: true, cts.Token).WaitAsync(timeout ?? TimeSpan.FromSeconds(90));
    }

    /// <summary>Runs one run to its end; its summary in <c>summary.json</c>'s shape (a run the engine failed: Failed with the engine's message).</summary>
    public async Task<RunStatus> RunAsync(SyncRunRequest? request = null, TimeSpan? timeout = null)
    {
        var start = await StartAsync(request);
        return ToStatus(await WaitAsync(start.InstanceId, timeout));
    }

    /// <summary>A finished instance as a RunStatus.</summary>
    public static RunStatus ToStatus(OrchestrationMetadata instance)
    {
        ArgumentNullException.ThrowIfNull(instance);
        if (instance.RuntimeStatus == OrchestrationRuntimeStatus.Completed && instance.ReadOutputAs<RunSummary>() is { } summary)
            return RunFinalizer.ToStatus(summary) with { Phase = summary.DryRun ? "Planned" : "Done" };
        var status = instance.RuntimeStatus == OrchestrationRuntimeStatus.Terminated ? RuntimeStatus.Terminated : RuntimeStatus.Failed;
        return new RunStatus(instance.InstanceId, "", "", status, "Done", RunCounters.Empty, instance.CreatedAt, instance.LastUpdatedAt, instance.LastUpdatedAt,
            instance.FailureDetails?.ErrorMessage);
    }

    private void AddPipeline(IServiceCollection services)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(Settings).Build();
        services.AddLogging(b => b.ClearProviders().SetMinimumLevel(LogLevel.Debug).AddProvider(Logs));
        foreach (var extra in ExtraServices)
            extra(services);
        services.AddDriveSyncPipeline(configuration);
    }

    /// <summary>Adds <paramref name="count"/> text files holding planted PII, spread over a few subfolders; returns their ids.</summary>
    public List<string> AddTextFiles(int count, int folders = 3)
    {
        var parents = new List<string> { Drive.Store.RootFolderId };
        for (var i = 0; i < folders; i++)
            parents.Add(Drive.Store.AddFolder(Drive.Store.RootFolderId, $"folder {i}"));
        var ids = new List<string>();
        for (var i = 0; i < count; i++)
        {
            var name = i % 10 == 0 ? $"{Canary.Name} {i:D5}.txt" : $"notice {i:D5}.txt";
            var csv = i % 7 == 3;
            ids.Add(Drive.Store.AddFile(parents[i % parents.Count], csv ? name.Replace(".txt", ".csv", StringComparison.Ordinal) : name,
                csv ? Canary.CsvDocument(i) : Canary.TextDocument(i), csv ? "text/csv" : "text/plain"));
        }
        return ids;
    }

    /// <summary>What the output container must hold: blob name → bytes, computed by sanitizing each Drive file locally (default options unless given).</summary>
    public async Task<Dictionary<string, byte[]>> ExpectedOutputsAsync(SanitizerOptions? options = null)
    {
        var sanitizer = new DocumentSanitizer(options ?? new SanitizerOptions());
        var expected = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var file in Drive.Store.Snapshot().Where(f => f.MimeType != EmulatorStore.FolderMimeType && !f.Trashed))
        {
            var content = Drive.Store.GetContent(file.Id)!;
            using var output = new MemoryStream();
            var outcome = await sanitizer.SanitizeAsync(file.Name, file.MimeType, new MemoryStream(content), output, CancellationToken.None);
            if (!outcome.IsSanitized)
                continue;
            var name = OutputNaming.StoredName(FileNameSanitizer.Sanitize(file.Name), null);
            var batchFile = new BatchFile(file.Id, name, file.MimeType, content.Length, file.Version, file.Md5Checksum, null);
            expected[OutputNaming.BlobName(batchFile)] = output.ToArray();
        }
        return expected;
    }

    public async Task<Dictionary<string, (byte[] Content, IReadOnlyDictionary<string, string> Metadata)>> ReadContainerAsync(string container)
    {
        var client = Azurite.CreateClients().Blobs.GetBlobContainerClient(container);
        var blobs = new Dictionary<string, (byte[], IReadOnlyDictionary<string, string>)>(StringComparer.Ordinal);
        if (!await client.ExistsAsync())
            return blobs;
        await foreach (var item in client.GetBlobsAsync())
        {
            var download = (await client.GetBlobClient(item.Name).DownloadContentAsync()).Value;
            blobs[item.Name] = (download.Content.ToArray(), new Dictionary<string, string>(download.Details.Metadata, StringComparer.OrdinalIgnoreCase));
        }
        return blobs;
    }

    /// <summary>The names of the blobs in a container (no content: cheap enough to poll).</summary>
    public async Task<HashSet<string>> BlobNamesAsync(string container)
    {
        var client = Azurite.CreateClients().Blobs.GetBlobContainerClient(container);
        var names = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var item in client.GetBlobsAsync(cancellationToken: TestContext.Current.CancellationToken))
            names.Add(item.Name);
        return names;
    }

    /// <summary>Writes a blob directly (what another writer, or an earlier version of the service, left behind).</summary>
    public async Task PutBlobAsync(string container, string name, byte[] content)
    {
        await Azurite.CreateClients().Blobs.GetBlobContainerClient(container).GetBlobClient(name)
            .UploadAsync(BinaryData.FromBytes(content), overwrite: true, TestContext.Current.CancellationToken);
    }

    /// <summary>
    /// The embedded engine's settings for <c>drivesync</c> child processes: a task hub of this test's own, with short
    /// visibility timeouts so that a killed process's work items come back quickly.
    /// </summary>
    public Dictionary<string, string?> EngineSettings => new()
    {
        ["DriveSync:Durable:TaskHubName"] = "hub" + OutputContainer[1..OutputContainer.IndexOf('-', StringComparison.Ordinal)],
        ["DriveSync:Durable:WorkItemQueueVisibilityTimeout"] = "00:00:15",
        ["DriveSync:Durable:ControlQueueVisibilityTimeout"] = "00:00:15",
    };

    /// <summary>The run <c>sources/{folder}/active.json</c> names, or null.</summary>
    public async Task<string?> ActiveRunIdAsync()
    {
        var state = await ReadContainerAsync(StateContainer);
        return state.TryGetValue(StatePaths.Active(Drive.Store.RootFolderId), out var active)
            ? StateJson.Deserialize<ActiveRun>(BinaryData.FromBytes(active.Content)).RunId
            : null;
    }

    /// <summary>How many files of the run have a result so far.</summary>
    public async Task<int> FilesDoneAsync(string runId)
    {
        var state = await ReadContainerAsync(StateContainer);
        return state.Where(b => b.Key.StartsWith(StatePaths.ResultPrefix(runId), StringComparison.Ordinal))
            .Sum(b => StateJson.Deserialize<BatchResult>(BinaryData.FromBytes(b.Value.Content)).Files.Count);
    }

    /// <summary>The run's <c>summary.json</c>, or null before it finished.</summary>
    public async Task<RunStatus?> SummaryAsync(string runId)
    {
        var state = await ReadContainerAsync(StateContainer);
        return state.TryGetValue(StatePaths.Summary(runId), out var summary) ? StateJson.Deserialize<RunStatus>(BinaryData.FromBytes(summary.Content)) : null;
    }

    public async Task<List<FileResult>> ReadManifestAsync(string runId)
    {
        var blobs = await ReadContainerAsync(StateContainer);
        var text = System.Text.Encoding.UTF8.GetString(blobs[StatePaths.Manifest(runId)].Content);
        return text.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => System.Text.Json.JsonSerializer.Deserialize<FileResult>(line, StateJson.Options)!).ToList();
    }

    public async ValueTask DisposeAsync()
    {
        await RestartEngineAsync();
        foreach (var process in _processes)
            await process.DisposeAsync();
        await Drive.DisposeAsync();
    }
}
