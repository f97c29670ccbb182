using DriveSync.DurableEngine.TestHost;
using DriveSync.Pipeline.Storage;
using DriveSync.Testing;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace DriveSync.DurableEngine.Tests;

/// <summary>An in-process host of the embedded engine (or of its client alone) on Azurite, with the toy tasks.</summary>
internal sealed class EngineHost : IAsyncDisposable
{
    private readonly IHost _host;

    private EngineHost(IHost host)
    {
        _host = host;
    }

    public DurableTaskClient Client => _host.Services.GetRequiredService<DurableTaskClient>();

    public ActivityLedger Ledger => _host.Services.GetRequiredService<ActivityLedger>();

    public IServiceProvider Services => _host.Services;

    /// <summary>A unique task hub name (letters and digits).</summary>
    public static string NewTaskHub() => "t" + Guid.NewGuid().ToString("N")[..12];

    /// <summary>Settings of a test engine: the Azurite account, <paramref name="taskHub"/>, two partitions, quick polling.</summary>
    public static Dictionary<string, string?> Settings(AzuriteFixture azurite, string taskHub) => new()
    {
        ["DriveSync:Storage:ConnectionString"] = azurite.ConnectionString,
        ["DriveSync:Durable:TaskHubName"] = taskHub,
        ["DriveSync:Durable:PartitionCount"] = "2",
        ["DriveSync:Durable:MaxQueuePollingInterval"] = "00:00:01",
    };

    public static Task<EngineHost> StartAsync(AzuriteFixture azurite, string taskHub, CancellationToken ct, bool worker = true, LogCapture? logs = null) =>
        StartAsync(Settings(azurite, taskHub), ct, worker, logs);

    public static async Task<EngineHost> StartAsync(
        Dictionary<string, string?> settings, CancellationToken ct, bool worker = true, LogCapture? logs = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.ClearProviders();
        builder.Logging.SetMinimumLevel(LogLevel.Information);
        if (logs is not null)
        {
            builder.Logging.AddProvider(logs);
        }

        builder.Services.AddSingleton<ActivityLedger>();
        builder.Services.AddDriveSyncStorage(builder.Configuration);
        if (worker)
        {
            builder.Services.AddEmbeddedDurableEngine(builder.Configuration, registry => registry.AddToyTasks());
        }
        else
        {
            builder.Services.AddEmbeddedDurableTaskClient(builder.Configuration);
        }

        var host = builder.Build();
        try
        {
            await host.StartAsync(ct);
            return new EngineHost(host);
        }
        catch
        {
            host.Dispose();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await _host.StopAsync(stop.Token);
        _host.Dispose();
    }
}
