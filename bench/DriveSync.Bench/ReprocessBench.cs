using System.Diagnostics;
using System.Globalization;
using System.Text;
using DriveSync.DriveEmulator;
using DriveSync.DurableEngine;
using DriveSync.Pipeline.Orchestration;
using DriveSync.Pipeline.Wiring;
using DriveSync.Testing;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace DriveSync.Bench;

/// <summary>
/// Reprocessing after a sanitizer policy change (issue #16): a full run of N files on the embedded engine (Drive emulator
/// → Azurite), then a custom pattern is added and the folder runs again. Reports, per run, seconds, files uploaded and
/// reprocessed, and Drive calls: listing calls (files.list) and downloads per file. The reprocess run should cost one
/// download per file and no more listing calls than the full run.
/// </summary>
internal static class ReprocessBench
{
    private const string Token = "bench-token";

    public static async Task<int> RunAsync(string[] args)
    {
        var files = BenchArgs.Int(args, "--files", 10_000);
        await using var azurite = await AzuriteFixture.StartAsync(persistToDisk: true);
        await using var drive = await DriveEmulatorServer.StartAsync(new DriveEmulatorOptions { BearerToken = Token }, CancellationToken.None);
        var folders = Enumerable.Range(0, 10).Select(i => drive.Store.AddFolder(drive.Store.RootFolderId, $"folder{i}")).ToList();
        for (var i = 0; i < files; i++)
        {
            drive.Store.AddFile(folders[i % folders.Count], $"notice {i}.txt", Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture,
                $"Notice {i}\nTaxpayer SSN 401-23-{i % 10000:D4}, contact jordan{i}@example.com, case CASE-{i:D6}\n")), "text/plain");
        }
        var prefix = "r" + Guid.NewGuid().ToString("N")[..10];
        var settings = new Dictionary<string, string?>
        {
            ["DriveSync:Storage:ConnectionString"] = azurite.ConnectionString,
            ["DriveSync:Drive:BaseUri"] = drive.BaseUri.ToString(),
            ["DriveSync:Drive:BearerToken"] = Token,
            ["DriveSync:Drive:FolderId"] = drive.Store.RootFolderId,
            ["DriveSync:Drive:RequestsPerSecond"] = "100000",
            ["DriveSync:Drive:Burst"] = "100000",
            ["DriveSync:Drive:CircuitMinimumThroughput"] = "100000",
            ["DriveSync:Pipeline:OutputContainer"] = prefix + "-out",
            ["DriveSync:Pipeline:StateContainer"] = prefix + "-state",
            ["DriveSync:Durable:TaskHubName"] = "reproc" + prefix[1..],
        };

        var rows = new List<string>
        {
            "| run | files listed | uploaded | reprocessed | seconds | files/s | files.list calls | downloads / file |",
            "|---|---|---|---|---|---|---|---|",
            await RunOnceAsync("full run", settings, drive),
        };
        settings["DriveSync:Sanitizer:CustomPatterns:0:Name"] = "CASE_ID";
        settings["DriveSync:Sanitizer:CustomPatterns:0:Pattern"] = @"CASE-\d{6}";
        rows.Add(await RunOnceAsync("after a new custom pattern", settings, drive));
        foreach (var row in rows)
            Console.WriteLine(row);
        return 0;
    }

    private static async Task<string> RunOnceAsync(string name, Dictionary<string, string?> settings, DriveEmulatorServer drive)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        using var host = new HostBuilder()
            .ConfigureServices(services =>
            {
                services.AddLogging();
                services.AddDriveSyncPipeline(configuration);
                services.AddEmbeddedDurableEngine(configuration, registry => registry.AddPipelineTasks());
            })
            .Build();
        var (lists, downloads) = (drive.Counters.ListRequests, drive.Counters.MediaRequests);
        var clock = Stopwatch.StartNew();
        await host.StartAsync(CancellationToken.None);
        var client = host.Services.GetRequiredService<DurableTaskClient>();
        var start = await host.Services.GetRequiredService<SyncRunStarter>().StartAsync(client, new SyncRunRequest("bench"), CancellationToken.None);
        var instance = await client.WaitForInstanceCompletionAsync(start.InstanceId, getInputsAndOutputs: true, CancellationToken.None);
        var seconds = clock.Elapsed.TotalSeconds;
        await host.StopAsync(CancellationToken.None);
        var summary = instance.ReadOutputAs<RunSummary>();
        if (summary is null || summary.Status != RunPhase.Completed)
            throw new InvalidOperationException($"The {name} ended {instance.RuntimeStatus}.");
        return string.Create(CultureInfo.InvariantCulture,
            $"| {name} | {summary.Listed:N0} | {summary.Uploaded:N0} | {summary.Reprocessed:N0} | {seconds:F1} | {summary.Listed / seconds:F1} | "
            + $"{drive.Counters.ListRequests - lists:N0} | {(double)(drive.Counters.MediaRequests - downloads) / Math.Max(1, summary.Listed):F3} |");
    }
}
