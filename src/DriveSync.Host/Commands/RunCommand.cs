using System.CommandLine;
using DriveSync.Host.Configuration;
using DriveSync.Pipeline.Runs;

namespace DriveSync.Host.Commands;

/// <summary>`drivesync run`: Run one sync of a Drive folder to Blob Storage in the foreground.</summary>
internal static class RunCommand
{
    private const string Description = """
        Run one sync of the configured Drive folder to Blob Storage in the foreground, with live progress.
        Joins the run of the folder already in progress, if any (runs of one folder never overlap).

        Exit code: 0 every file uploaded or unchanged; 1 finished, but files failed or were quarantined;
        2 the run failed, was terminated, or the configuration is not valid.

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
            await using var services = PipelineConsole.BuildServices(configuration);
            var errors = PipelineConsole.Validate(services);
            if (errors.Count > 0)
                return await PipelineConsole.ReportInvalidAsync("run", errors);
            if (await StorageStartupCheck.RunAsync(services, "run", cancellationToken) is { } exitCode)
                return exitCode;

            var request = new RunRequest("cli", parseResult.GetValue(limit), parseResult.GetValue(dryRun));
            var status = await PipelineConsole.RunWithProgressAsync(services, request, cancellationToken);
            PipelineConsole.PrintSummary(status);
            if (request.DryRun)
            {
                Console.WriteLine($"Dry run: {status.Counters.Listed - status.Counters.Skipped} of {status.Counters.Listed} listed files would be processed; nothing was written.");
                return PipelineConsole.ExitClean;
            }
            return PipelineConsole.ExitCode(status);
        });
        return command;
    }
}
