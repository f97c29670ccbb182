using System.CommandLine;
using DriveSync.Host.Configuration;
using DriveSync.Pipeline.Orchestration;

namespace DriveSync.Host.Commands;

/// <summary>`drivesync run`: Run one sync of a Drive folder to Blob Storage in the foreground.</summary>
internal static class RunCommand
{
    private const string Description = """
        Run one sync of the configured Drive folder to Blob Storage in the foreground, with live progress.
        Prints the run id. Joins the run of the folder already in progress, if any (runs of one folder never overlap);
        the embedded Durable Task engine (task hub on the storage account) does the work.

        Exit code: 0 every file uploaded or unchanged; 1 finished, but files failed or were quarantined;
        2 the run failed, was terminated, could not finish (one line says why), or the configuration is not valid.

        Settings come from appsettings.json, environment variables (DriveSync__Drive__FolderId=…) and
        --DriveSync:Section:Key=value arguments, e.g.
          drivesync run --limit 100 --DriveSync:Drive:FolderId=<folder id> --DriveSync:Storage:ConnectionString=UseDevelopmentStorage=true
        See docs/runs.md.
        """;

    public static Command Create()
    {
        var limit = new Option<int?>("--limit") { Description = "Process at most N files (in listing order)." };
        var dryRun = new Option<bool>("--dry-run") { Description = "List the folder and plan the run; write nothing." };
        var command = new Command("run", Description) { limit, dryRun };
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            if (parseResult.GetValue(limit) is < 1)
            {
                await Console.Error.WriteLineAsync("drivesync run: --limit must be at least 1.");
                return PipelineConsole.ExitFailed;
            }
            var configuration = DriveSyncConfiguration.Build(parseResult.UnmatchedTokens);
            using var host = PipelineConsole.BuildHost(configuration);
            var errors = PipelineConsole.Validate(host.Services);
            if (errors.Count > 0)
                return await PipelineConsole.ReportInvalidAsync("run", errors);
            if (await StorageStartupCheck.RunAsync(host.Services, "run", cancellationToken) is { } storageExit)
                return storageExit;

            var request = new SyncRunRequest("cli", parseResult.GetValue(limit), parseResult.GetValue(dryRun));
            var (exitCode, run) = await PipelineConsole.RunAsync("run", host, request, cancellationToken);
            if (request.DryRun && run?.Summary is { } plan)
            {
                Console.WriteLine($"Dry run: {plan.Listed - plan.Skipped} of {plan.Listed} listed files would be processed; nothing was written.");
            }

            return exitCode;
        });
        return command;
    }
}
