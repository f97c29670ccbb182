using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using DriveSync.DriveEmulator;
using DriveSync.Host.Api;
using DriveSync.Host.Hosting;
using DriveSync.Telemetry;
using DriveSync.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DriveSync.Host.Tests;

/// <summary>
/// The real thing on one box: a Drive emulator over HTTP, the shared Azurite (unique containers and queue per
/// harness) and any number of in-process <c>serve</c> hosts on free ports, each with its own services.
/// </summary>
public sealed class ServeHarness : IAsyncDisposable
{
    public const string Key = "test-key-0123456789abcdef";
    public const string DriveToken = "test-token";

    /// <summary>Settings for a host that only answers the API (no queue workers, no timer).</summary>
    public static readonly IReadOnlyDictionary<string, string?> ApiOnly = new Dictionary<string, string?> { ["DriveSync:Serve:RunWorkers"] = "false" };

    private readonly List<ServeInstance> instances = [];

    private ServeHarness(AzuriteFixture azurite, DriveEmulatorServer drive)
    {
        Azurite = azurite;
        Drive = drive;
        var prefix = "h" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(5));
        StateContainer = prefix + "-state";
        OutputContainer = prefix + "-out";
        Settings = TestSettings.Pipeline(azurite.ConnectionString, drive.BaseUri, drive.Store.RootFolderId, DriveToken, OutputContainer, StateContainer);
        foreach (var (key, value) in new Dictionary<string, string?>
        {
            ["DriveSync:Api:Keys:0"] = Key,
            ["DriveSync:Serve:Urls"] = "http://127.0.0.1:0",
            ["DriveSync:Timer:Enabled"] = "false",
            ["DriveSync:Timer:Container"] = StateContainer,
            ["DriveSync:Pipeline:BatchSize"] = "10",
            ["DriveSync:Durable:TaskHubName"] = "hub" + prefix[1..],
            ["DriveSync:Durable:MaxQueuePollingInterval"] = "00:00:01",
            ["Logging:LogLevel:Default"] = "Debug",
            ["Logging:LogLevel:Microsoft"] = "Warning",
            ["Logging:LogLevel:System"] = "Warning",
        })
        {
            Settings[key] = value;
        }
    }

    public AzuriteFixture Azurite { get; }
    public DriveEmulatorServer Drive { get; }
    public string StateContainer { get; }
    public string OutputContainer { get; }
    public Dictionary<string, string?> Settings { get; }

    public static async Task<ServeHarness> StartAsync(AzuriteFixture azurite, CancellationToken cancellationToken) =>
        new(azurite, await DriveEmulatorServer.StartAsync(new DriveEmulatorOptions { BearerToken = DriveToken }, cancellationToken));

    /// <summary>Adds <paramref name="count"/> text files holding planted PII (every fifth with PII in its name too).</summary>
    public void AddTextFiles(int count)
    {
        for (var i = 0; i < count; i++)
        {
            var name = i % 5 == 0 ? $"{Canary.FileName} {i:D4}.txt" : $"notice {i:D4}.txt";
            Drive.Store.AddFile(Drive.Store.RootFolderId, name, Canary.TextDocument(i), "text/plain");
        }
    }

    /// <summary>Adds an image whose name carries planted PII: the run quarantines it (an unsupported format). Returns its id.</summary>
    public string AddQuarantinedImage() => Drive.Store.AddFile(Drive.Store.RootFolderId, Canary.FileName + ".png", Canary.Image, "image/png");

    /// <summary>Slows Drive to <paramref name="requestsPerSecond"/> so a run lasts long enough to be watched.</summary>
    public void PaceDrive(int requestsPerSecond)
    {
        Settings["DriveSync:Drive:RequestsPerSecond"] = requestsPerSecond.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Settings["DriveSync:Drive:Burst"] = "1";
    }

    /// <summary>Starts one more <c>serve</c> host ("process") on a free port.</summary>
    public async Task<ServeInstance> StartServeAsync(CancellationToken cancellationToken, Action<IServiceCollection>? configureServices = null, IReadOnlyDictionary<string, string?>? extraSettings = null)
    {
        var settings = new Dictionary<string, string?>(Settings);
        foreach (var (key, value) in extraSettings ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var logs = new LogCapture();
        var app = ServeApplication.Build(configuration, services =>
        {
            services.AddSingleton<ILoggerProvider>(new ScrubbingLoggerProvider(logs));
            configureServices?.Invoke(services);
        });
        await app.StartAsync(cancellationToken);
        var address = LoopbackServer.AddressOf(app);
        var instance = new ServeInstance(app, new Uri(address.Replace("0.0.0.0", "127.0.0.1", StringComparison.Ordinal) + "/"), logs);
        instances.Add(instance);
        return instance;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var instance in instances)
        {
            await instance.DisposeAsync();
        }

        await Drive.DisposeAsync();
    }
}

/// <summary>One running <c>serve</c> host.</summary>
public sealed class ServeInstance(WebApplication app, Uri baseUri, LogCapture logs) : IAsyncDisposable
{
    private bool stopped;

    public WebApplication App => app;
    public Uri BaseUri => baseUri;
    public LogCapture Logs => logs;

    /// <summary>A client that sends the API key in the x-functions-key header.</summary>
    public HttpClient Client(string? key = ServeHarness.Key)
    {
        var client = new HttpClient { BaseAddress = baseUri, Timeout = TimeSpan.FromSeconds(30) };
        if (key is not null)
        {
            client.DefaultRequestHeaders.Add(ApiKeyAuthorizer.HeaderName, key);
        }

        return client;
    }

    /// <summary>Starts a run over HTTP (<c>POST /api/runs</c>, through the registered DurableTaskClient) and returns its id.</summary>
    public async Task<string> StartRunAsync(HttpClient client, CancellationToken cancellationToken)
    {
        using var response = await client.PostAsync("api/runs", null, cancellationToken);
        Assert.Equal(System.Net.HttpStatusCode.Accepted, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
        return body.GetProperty("id").GetString()!;
    }

    /// <summary>The run as Durable's status route shows it.</summary>
    public static async Task<JsonElement> GetRunAsync(HttpClient client, string id, CancellationToken cancellationToken)
    {
        using var response = await client.GetAsync($"runtime/webhooks/durabletask/instances/{Uri.EscapeDataString(id)}", cancellationToken);
        return await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
    }

    /// <summary>Waits until the run is Completed, Failed or Terminated; returns its final status.</summary>
    public static async Task<JsonElement> WaitFinishedAsync(HttpClient client, string id, TimeSpan timeout, CancellationToken cancellationToken)
    {
        JsonElement run = default;
        await TestWait.UntilAsync(async () =>
        {
            run = await GetRunAsync(client, id, cancellationToken);
            return run.TryGetProperty("runtimeStatus", out var status) && status.GetString() is "Completed" or "Failed" or "Terminated";
        }, timeout, TimeSpan.FromMilliseconds(100));
        return run;
    }

    /// <summary>A member of the engine's custom status or output, whichever case the engine's serializer wrote it in.</summary>
    public static JsonElement Member(JsonElement value, string name) =>
        value.EnumerateObject().First(p => p.Name.Equals(name, StringComparison.OrdinalIgnoreCase)).Value;

    public async Task StopAsync()
    {
        if (!stopped)
        {
            stopped = true;
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            await app.StopAsync(cts.Token);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        await app.DisposeAsync();
    }
}
