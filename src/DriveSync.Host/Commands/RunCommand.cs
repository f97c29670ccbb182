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

        Files whose outputs were written under another sanitizer policy (a sanitizer upgrade, or changed
        DriveSync:Sanitizer settings) are processed again and their outputs replaced
        (DriveSync:Pipeline:ReprocessOnPolicyChange, default true); --reprocess all does it for every file.
        With DriveSync:Pipeline:DeleteRemoved=true (default false) the outputs of files deleted, trashed or moved
        out of the folder, and of earlier versions of changed files, are deleted. --dry-run counts all of it first.

        Exit code: 0 every file uploaded or unchanged; 1 finished, but files failed or were quarantined;
        2 the run failed, was terminated, could not finish (one line says why), or the configuration is not valid.

        Settings come from appsettings.json, environment variables (DriveSync__Drive__FolderId=…) and
        --DriveSync:Section:Key=value arguments, e.g.
          drivesync run --limit 100 --DriveSync:Drive:FolderId=<folder id> --DriveSync:Storage:ConnectionString=UseDevelopmentStorage=true
        With APPLICATIONINSIGHTS_CONNECTION_STRING or OTEL_EXPORTER_OTLP_ENDPOINT set, the run's trace, metrics and
        events are exported as serve exports them (docs/operations.md); the console shows warnings only either way.
        See docs/runs.md.
        """;

    public static Command Create()
    {
        var limit = new Option<int?>("--limit") { Description = "Process at most N files (in listing order)." };
        var dryRun = new Option<bool>("--dry-run") { Description = "List the folder and plan the run (files to process, reprocess, remove); write nothing." };
        var reprocess = new Option<string?>("--reprocess") { Description = "'all': process every listed file again and replace its output, whatever the ledger says." };
        reprocess.AcceptOnlyFromAmong("all");
        var command = new Command("run", Description) { limit, dryRun, reprocess };
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

            var request = new SyncRunRequest("cli", parseResult.GetValue(limit), parseResult.GetValue(dryRun), parseResult.GetValue(reprocess) == "all");
            var (exitCode, run) = await PipelineConsole.RunAsync("run", host, request, cancellationToken);
            if (request.DryRun && run?.Summary is { } plan)
            {
                Console.WriteLine($"Dry run: {plan.Listed - plan.Skipped} of {plan.Listed} listed files would be processed ({plan.Reprocessed} of them reprocessed), "
                    + $"{plan.Removed} files would lose their outputs; nothing was written.");
            }

            return exitCode;
        });
        return command;
    }
}
