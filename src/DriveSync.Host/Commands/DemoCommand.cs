using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using DriveSync.DriveEmulator;
using DriveSync.Pipeline;
using DriveSync.Pipeline.Orchestration;
using DriveSync.Pipeline.Ports;
using DriveSync.Pipeline.Runs;
using DriveSync.Pipeline.State;
using Spectre.Console;

namespace DriveSync.Host.Commands;

/// <summary>
/// `drivesync demo`: Start Azurite and the Drive emulator on the bundled samples, run one sync with the OCR route on
/// (the emulator's OCR text comes from <c>X.pdf.ocr.txt</c> sidecars), print the outcome.
/// Exit code 0 when the run completed without failed files (the sample ZIP is quarantined on purpose), else as `drivesync run`.
/// </summary>
internal static class DemoCommand
{
    private const string Token = "demo-token";

    public static Command Create()
    {
        var samples = new Option<string?>("--samples") { Description = "Folder to serve as the Drive folder. Default: samples/drive of the repository." };
        var output = new Option<string?>("--output") { Description = "Where to copy the sanitized documents and the run manifest. Default: .drivesync/demo/ of the repository. An earlier demo's output there is replaced; a folder holding other files is refused." };
        var command = new Command("demo", "Start Azurite and the Drive emulator on the bundled samples, run one sync, print the outcome.") { samples, output };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var root = RepoRoot();
            var samplesDirectory = Path.GetFullPath(parseResult.GetValue(samples) ?? Path.Combine(root, "samples", "drive"));
            var demoDirectory = Path.GetFullPath(parseResult.GetValue(output) ?? Path.Combine(root, ".drivesync", "demo"));
            if (!Directory.Exists(samplesDirectory))
            {
                await Console.Error.WriteLineAsync($"drivesync demo: the samples folder {samplesDirectory} does not exist.");
                return PipelineConsole.ExitFailed;
            }
            if (Directory.Exists(demoDirectory))
            {
                if (!HoldsOnlyDemoOutput(demoDirectory))
                {
                    await Console.Error.WriteLineAsync($"drivesync demo: --output {demoDirectory} holds files of its own; choose a new or empty folder (an earlier demo's output is replaced).");
                    return PipelineConsole.ExitFailed;
                }
                Directory.Delete(demoDirectory, recursive: true);
            }

            AnsiConsole.MarkupLine($"Starting Azurite and the Drive emulator on [bold]{Markup.Escape(samplesDirectory)}[/] …");
            await using var azurite = await AzuriteProcess.StartAsync(root, Path.Combine(demoDirectory, "azurite"), cancellationToken);
            await using var drive = await DriveEmulatorServer.StartAsync(
                new DriveEmulatorOptions { RootDirectory = samplesDirectory, BearerToken = Token }, cancellationToken);
            var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["DriveSync:Storage:ConnectionString"] = azurite.ConnectionString,
                ["DriveSync:Drive:BaseUri"] = drive.BaseUri.ToString(),
                ["DriveSync:Drive:BearerToken"] = Token,
                ["DriveSync:Drive:FolderId"] = drive.Store.RootFolderId,
                ["DriveSync:Drive:Ocr:Enabled"] = "true",
            }).Build();
            using var host = PipelineConsole.BuildHost(configuration);
            var errors = PipelineConsole.Validate(host.Services);
            if (errors.Count > 0)
                return await PipelineConsole.ReportInvalidAsync("demo", errors);

            var (exitCode, run) = await PipelineConsole.RunAsync("demo", host, new SyncRunRequest("demo"), cancellationToken);
            if (run is null)
                return exitCode;
            var services = host.Services;
            var files = await CopyOutAsync(services, run.Id, demoDirectory, cancellationToken);
            PrintFiles(files);
            AnsiConsole.MarkupLine($"Sanitized documents: [bold]{Markup.Escape(Path.Combine(demoDirectory, "output"))}[/]");
            AnsiConsole.MarkupLine($"Run manifest (one JSON line per file): [bold]{Markup.Escape(Path.Combine(demoDirectory, "manifest.jsonl"))}[/]");
            AnsiConsole.MarkupLine($"Azurite data (containers [bold]{services.GetRequiredService<PipelineOptions>().OutputContainer}[/] and [bold]{services.GetRequiredService<PipelineOptions>().StateContainer}[/]): {Markup.Escape(Path.Combine(demoDirectory, "azurite"))}");
            return run is { RuntimeStatus: RuntimeStatus.Completed, Summary.Failed: 0 } ? PipelineConsole.ExitClean : exitCode;
        });
        return command;
    }

    /// <summary>True when every entry of <paramref name="directory"/> is one an earlier demo wrote (so replacing it loses nothing else).</summary>
    private static bool HoldsOnlyDemoOutput(string directory) =>
        Directory.EnumerateFileSystemEntries(directory).All(entry => Path.GetFileName(entry) is "azurite" or "output" or "manifest.jsonl");

    /// <summary>Copies the run manifest and every uploaded document out of Azurite; returns the manifest's entries.</summary>
    private static async Task<List<FileResult>> CopyOutAsync(IServiceProvider services, string runId, string demoDirectory, CancellationToken cancellationToken)
    {
        var blobs = services.GetRequiredService<IBlobStore>();
        var options = services.GetRequiredService<PipelineOptions>();
        var manifest = await blobs.ReadAsync(options.StateContainer, StatePaths.Manifest(runId), cancellationToken)
            ?? throw new InvalidOperationException($"Run {runId} has no manifest.");
        await File.WriteAllBytesAsync(Path.Combine(demoDirectory, "manifest.jsonl"), manifest.Content.ToArray(), cancellationToken);
        var files = manifest.Content.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => JsonSerializer.Deserialize<FileResult>(line, StateJson.Options)!).ToList();
        foreach (var file in files.Where(f => f.Output is not null))
        {
            var blob = await blobs.ReadAsync(options.OutputContainer, file.Output!, cancellationToken);
            if (blob is null)
                continue;
            var path = Path.Combine(demoDirectory, "output", file.Output!.Replace('/', Path.DirectorySeparatorChar));
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            await File.WriteAllBytesAsync(path, blob.Content.ToArray(), cancellationToken);
        }
        return files;
    }

    private static void PrintFiles(List<FileResult> files)
    {
        var table = new Table().AddColumns("file (uploaded as)", "outcome", "PII removed", "reason / note");
        foreach (var file in files.OrderBy(f => f.Name, StringComparer.Ordinal))
        {
            var pii = string.Join(", ", file.Pii.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Key} {p.Value}")));
            var outcome = file.Outcome switch
            {
                FileOutcome.Uploaded => "[green]Uploaded[/]",
                FileOutcome.Quarantined => "[yellow]Quarantined[/]",
                FileOutcome.Failed => "[red]Failed[/]",
                _ => file.Outcome.ToString(),
            };
            var name = file.Output is null ? file.Name : file.Output[(file.Output.LastIndexOf('/') + 1)..];
            table.AddRow(Markup.Escape(name), outcome, Markup.Escape(pii), Markup.Escape(file.Reason ?? file.Note ?? ""));
        }
        AnsiConsole.Write(table);
    }

    private static string RepoRoot()
    {
        if (Environment.GetEnvironmentVariable("DRIVESYNC_REPO_ROOT") is { Length: > 0 } root)
            return root;
        for (var directory = new DirectoryInfo(Directory.GetCurrentDirectory()); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Functions.sln")))
                return directory.FullName;
        }
        return Directory.GetCurrentDirectory();
    }
}
