using System.Security.Cryptography;
using DriveSync.DriveEmulator;
using DriveSync.Pipeline.Runs;
using DriveSync.Pipeline.State;
using DriveSync.Pipeline.Wiring;
using DriveSync.Pipeline.Work;
using DriveSync.Sanitization;
using DriveSync.Sanitization.Documents;
using DriveSync.Sanitization.Redaction;
using DriveSync.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DriveSync.Pipeline.Tests;

/// <summary>
/// A Drive emulator over real HTTP plus the shared Azurite, with unique containers and queue per test.
/// <see cref="NewProcess"/> builds a fresh service provider: the stand-in for one more process.
/// </summary>
public sealed class PipelineHarness : IAsyncDisposable
{
    private readonly List<ServiceProvider> _processes = [];

    private PipelineHarness(AzuriteFixture azurite, DriveEmulatorServer drive)
    {
        Azurite = azurite;
        Drive = drive;
        var prefix = "t" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(5));
        OutputContainer = prefix + "-out";
        StateContainer = prefix + "-state";
        Settings = new Dictionary<string, string?>
        {
            ["DriveSync:Storage:ConnectionString"] = azurite.ConnectionString,
            ["DriveSync:Storage:MaxRetries"] = "3",
            ["DriveSync:Storage:RetryDelay"] = "00:00:00.100",
            ["DriveSync:Drive:BaseUri"] = drive.BaseUri.ToString(),
            ["DriveSync:Drive:BearerToken"] = Token,
            ["DriveSync:Drive:FolderId"] = drive.Store.RootFolderId,
            ["DriveSync:Drive:RequestsPerSecond"] = "10000",
            ["DriveSync:Drive:Burst"] = "1000",
            ["DriveSync:Drive:RetryBaseDelay"] = "00:00:00.050",
            ["DriveSync:Drive:RetryMaxDelay"] = "00:00:00.500",
            ["DriveSync:Pipeline:OutputContainer"] = OutputContainer,
            ["DriveSync:Pipeline:StateContainer"] = StateContainer,
            ["DriveSync:Pipeline:WorkQueue"] = prefix + "-work",
            ["DriveSync:Pipeline:BatchSize"] = "50",
            ["DriveSync:Pipeline:WorkerConcurrency"] = "4",
            ["DriveSync:Pipeline:VisibilityTimeout"] = "00:00:05",
            ["DriveSync:Pipeline:QueuePollInterval"] = "00:00:00.050",
            ["DriveSync:Pipeline:CoordinatorInterval"] = "00:00:00.200",
            ["DriveSync:Pipeline:StalledRunAfter"] = "00:00:03",
            ["DriveSync:Pipeline:SourceLeaseDuration"] = "00:00:15",
        };
    }

    public const string Token = "test-token";

    public AzuriteFixture Azurite { get; }
    public DriveEmulatorServer Drive { get; }
    public string OutputContainer { get; }
    public string StateContainer { get; }
    public Dictionary<string, string?> Settings { get; }
    public LogCapture Logs { get; } = new();

    public static async Task<PipelineHarness> StartAsync(AzuriteFixture azurite, CancellationToken cancellationToken)
    {
        var drive = await DriveEmulatorServer.StartAsync(new DriveEmulatorOptions { BearerToken = Token }, cancellationToken);
        return new PipelineHarness(azurite, drive);
    }

    /// <summary>A new "process": its own clients, pacer, caches and worker, sharing only Azurite and the emulator.</summary>
    public ServiceProvider NewProcess()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(Settings).Build();
        var services = new ServiceCollection();
        services.AddLogging(b => b.ClearProviders().SetMinimumLevel(LogLevel.Debug).AddProvider(Logs));
        services.AddDriveSyncPipeline(configuration);
        var provider = services.BuildServiceProvider();
        _processes.Add(provider);
        return provider;
    }

    /// <summary>Runs one run to its end in a new process.</summary>
    public async Task<RunStatus> RunAsync(RunRequest? request = null, TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(90));
        var process = NewProcess();
        return await process.GetRequiredService<ForegroundRunner>().RunAsync(request ?? new RunRequest("test"), null, cts.Token)
            .WaitAsync(timeout ?? TimeSpan.FromSeconds(90));
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

    /// <summary>What the output container must hold: blob name → bytes, computed by sanitizing each Drive file locally.</summary>
    public async Task<Dictionary<string, byte[]>> ExpectedOutputsAsync()
    {
        var sanitizer = new DocumentSanitizer(new SanitizerOptions());
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

    public async Task<List<FileResult>> ReadManifestAsync(string runId)
    {
        var blobs = await ReadContainerAsync(StateContainer);
        var text = System.Text.Encoding.UTF8.GetString(blobs[StatePaths.Manifest(runId)].Content);
        return text.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => System.Text.Json.JsonSerializer.Deserialize<FileResult>(line, StateJson.Options)!).ToList();
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var process in _processes)
            await process.DisposeAsync();
        await Drive.DisposeAsync();
    }
}
