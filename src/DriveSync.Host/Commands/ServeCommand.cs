using System.CommandLine;
using DriveSync.Host.Configuration;
using DriveSync.Host.Hosting;

namespace DriveSync.Host.Commands;

/// <summary>`drivesync serve`: Serve the HTTP API, the status page, the timer and the embedded Durable Task engine.</summary>
internal static class ServeCommand
{
    private const string Description = """
        Serve the HTTP API, the status page, the timer and the Durable Task engine in one process, until Ctrl+C.

        Start as many processes as you like against one storage account: they form one task hub and share the
        work, and the timer fires each scheduled time once across all of them. Runs of one folder never overlap.

        Needs at least: an API key, a Drive folder and credentials, and a storage account, e.g.
          export DriveSync__Api__Keys__0=$(openssl rand -hex 24)
          export DriveSync__Drive__FolderId=<folder id> DriveSync__Drive__ServiceAccountJsonPath=sa.json
          export DriveSync__Storage__ConnectionString="UseDevelopmentStorage=true"
          drivesync serve --urls http://127.0.0.1:7071
        then:
          curl -X POST -H "x-functions-key: $DriveSync__Api__Keys__0" http://127.0.0.1:7071/api/runs
          open http://127.0.0.1:7071/?code=<key>  (the status page)

        Any setting can also be given here as --DriveSync:Section:Key=value (see docs/hosting.md).
        """;

    public static Command Create()
    {
        var urls = new Option<string?>("--urls") { Description = "Addresses to listen on, separated by ';'. Default http://127.0.0.1:7071 (DriveSync:Serve:Urls)." };
        var schedule = new Option<string?>("--schedule") { Description = "Six-field cron schedule in UTC, e.g. \"0 0 2 * * *\" for 02:00 daily (DriveSync:Timer:Schedule)." };
        var noTimer = new Option<bool>("--no-timer") { Description = "Do not fire scheduled runs from this process (DriveSync:Timer:Enabled=false)." };
        var noWorkers = new Option<bool>("--no-workers") { Description = "Run no orchestrations or activities in this process: API, page and timer only (DriveSync:Serve:RunWorkers=false)." };
        var command = new Command("serve", Description) { urls, schedule, noTimer, noWorkers };
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var overrides = new Dictionary<string, string?>
            {
                ["DriveSync:Serve:Urls"] = parseResult.GetValue(urls),
                ["DriveSync:Timer:Schedule"] = parseResult.GetValue(schedule),
                ["DriveSync:Timer:Enabled"] = parseResult.GetValue(noTimer) ? "false" : null,
                ["DriveSync:Serve:RunWorkers"] = parseResult.GetValue(noWorkers) ? "false" : null,
            };
            var configuration = DriveSyncConfiguration.Build(parseResult.UnmatchedTokens, overrides);
            await using var app = ServeApplication.Build(configuration);
            var errors = app.Services.ValidateDriveSyncOptions();
            if (errors.Count > 0)
            {
                await Console.Error.WriteLineAsync("drivesync serve: the configuration is not valid:");
                foreach (var error in errors)
                {
                    await Console.Error.WriteLineAsync($"  - {error}");
                }

                await Console.Error.WriteLineAsync("Set these in appsettings.json, as environment variables (DriveSync__Section__Key) or as --DriveSync:Section:Key=value. See drivesync serve --help.");
                return 2;
            }

            if (await StorageStartupCheck.RunAsync(app.Services, "serve", cancellationToken) is { } exitCode)
            {
                return exitCode;
            }

            await app.RunAsync(cancellationToken);
            return 0;
        });
        return command;
    }
}
