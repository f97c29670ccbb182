using System.Diagnostics;
using System.Globalization;
using DriveSync.DurableEngine;
using DriveSync.DurableEngine.TestHost;
using DriveSync.Pipeline.Storage;
using DriveSync.Testing;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace DriveSync.Bench;

/// <summary>
/// The embedded durable engine on Azurite: cold start (host build + task hub creation + worker start) to the first
/// completed toy orchestration, and the task-hub storage (table rows, billed entity bytes, blobs) one toy orchestration leaves.
/// </summary>
internal static class EngineBench
{
    public static async Task<int> RunAsync(string[] args)
    {
        var starts = IntOption(args, "--starts", 5);
        var orchestrations = IntOption(args, "--orchestrations", 20);
        await using var azurite = await AzuriteFixture.StartAsync(persistToDisk: false);

        Console.WriteLine("Cold start to first completion (new task hub each time; run 1 also pays the process's JIT):");
        for (var run = 1; run <= starts; run++)
        {
            var hub = "bench" + Guid.NewGuid().ToString("N")[..10];
            var clock = Stopwatch.StartNew();
            using var host = await StartAsync(azurite, hub);
            var started = clock.Elapsed;
            var client = host.Services.GetRequiredService<DurableTaskClient>();
            await client.ScheduleNewOrchestrationInstanceAsync(ToyTasks.Toy, new ToyInput("bench", Items: 4, Rounds: 1), new StartOrchestrationOptions("first"));
            await client.WaitForInstanceCompletionAsync("first");
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  run {run}: engine started {started.TotalMilliseconds:F0} ms, first orchestration completed {clock.Elapsed.TotalMilliseconds:F0} ms"));
            await host.StopAsync();
        }

        var storageHub = "bench" + Guid.NewGuid().ToString("N")[..10];
        using (var host = await StartAsync(azurite, storageHub))
        {
            var client = host.Services.GetRequiredService<DurableTaskClient>();
            for (var i = 0; i < orchestrations; i++)
            {
                await client.ScheduleNewOrchestrationInstanceAsync(
                    ToyTasks.Toy, new ToyInput("bench", Items: 5, Rounds: 3), new StartOrchestrationOptions($"toy-{i:D4}"));
            }

            for (var i = 0; i < orchestrations; i++)
            {
                await client.WaitForInstanceCompletionAsync($"toy-{i:D4}");
            }

            await host.StopAsync();
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Task-hub storage after {orchestrations} toy orchestrations (5 squares x 3 rounds via ContinueAsNew, 3 timers, 1 activity retried twice):"));
        await foreach (var (table, rows, bytes) in TaskHubStorage.TablesAsync(azurite, storageHub))
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  table {table}: {rows} rows, {bytes:N0} bytes; per orchestration {rows / (double)orchestrations:F1} rows, {bytes / (double)orchestrations:N0} bytes"));
        }

        var (blobCount, blobBytes) = await TaskHubStorage.BlobsAsync(azurite, storageHub);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  blobs (leases, large messages): {blobCount}, {blobBytes:N0} bytes in all"));
        return 0;
    }

    private static async Task<IHost> StartAsync(AzuriteFixture azurite, string hub)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["DriveSync:Storage:ConnectionString"] = azurite.ConnectionString,
            ["DriveSync:Durable:TaskHubName"] = hub,
        });
        builder.Services.AddSingleton<ActivityLedger>();
        builder.Services.AddDriveSyncStorage(builder.Configuration);
        builder.Services.AddEmbeddedDurableEngine(builder.Configuration, registry => registry.AddToyTasks());
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }

    private static int IntOption(string[] args, string name, int fallback)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], CultureInfo.InvariantCulture) : fallback;
    }
}
