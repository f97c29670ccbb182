using System.Globalization;
using DriveSync.DurableEngine;
using DriveSync.GoogleDrive;
using DriveSync.Host.Runs;
using DriveSync.Telemetry;
using DriveSync.Pipeline.Orchestration;
using DriveSync.Pipeline.Wiring;
using DriveSync.Sanitization.Redaction;
using Microsoft.Extensions.Options;
using Spectre.Console;

namespace DriveSync.Host.Commands;

/// <summary>
/// Runs one run in the foreground for <c>drivesync run</c> and <c>drivesync demo</c>: builds a host with the pipeline and
/// the embedded Durable Task engine, starts (or joins) the folder's run, shows live progress (files, bytes, rate) and
/// maps the outcome to an exit code. Anything that keeps the run from finishing is one line on stderr and exit 2.
/// </summary>
internal static class PipelineConsole
{
    public const int ExitClean = 0;
    public const int ExitWithProblems = 1;
    public const int ExitFailed = 2;

    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(30);

    /// <summary>
    /// A host (not started) with the pipeline and the engine. The console shows warnings (scrubbed) on stderr; the engine's
    /// and the host's own error logs (exception dumps) are left out: what keeps a run from finishing is reported as one
    /// line. Telemetry is exported as <c>serve</c> exports it when <c>APPLICATIONINSIGHTS_CONNECTION_STRING</c> or
    /// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set: the run's trace, its metrics and its events (RunStarted, RunCompleted,
    /// FileQuarantined), flushed when the host is disposed.
    /// </summary>
    public static IHost BuildHost(IConfiguration configuration) =>
        new HostBuilder()
            .ConfigureAppConfiguration(builder => builder.AddConfiguration(configuration))
            .ConfigureLogging(logging => logging
                .AddSimpleConsole(o => o.SingleLine = true)
                .AddFilter("DurableTask", LogLevel.Critical)
                .AddFilter("Microsoft.DurableTask", LogLevel.Critical)
                .AddFilter("Microsoft.Extensions.Hosting", LogLevel.Critical)
                .ScrubAllProviders(minimum: LogLevel.Warning))
            .ConfigureServices(services =>
            {
                services.Configure<Microsoft.Extensions.Logging.Console.ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
                services.AddDriveSyncRuns(configuration);
                services.AddSingleton<ForegroundRun>();
                services.AddDriveSyncOpenTelemetry(configuration, Telemetry.TelemetryExtensions.ServiceName);
            })
            .Build();

    /// <summary>The configuration errors of the pipeline, the engine and telemetry (each naming its setting); empty when valid.</summary>
    public static IReadOnlyList<string> Validate(IServiceProvider services) =>
        [.. services.ValidatePipelineOptions(), .. services.OptionsErrors<DurableEngineOptions>(), .. services.OptionsErrors<TelemetryOptions>()];

    /// <summary>
    /// Starts the engine, runs to the end with a live display, prints the summary and stops the engine; the exit code and
    /// the final view (null when the run could not finish: the reason was printed as one line).
    /// </summary>
    public static async Task<(int ExitCode, RunView? Run)> RunAsync(string command, IHost host, SyncRunRequest request, CancellationToken cancellationToken)
    {
        try
        {
            await host.StartAsync(cancellationToken);
            RunView view;
            try
            {
                view = await RunWithProgressAsync(host.Services, request, cancellationToken);
            }
            finally
            {
                using var stopping = new CancellationTokenSource(StopTimeout);
                await host.StopAsync(stopping.Token);
            }

            PrintSummary(view);
            if (!view.IsFinished || view.RuntimeStatus != Pipeline.Runs.RuntimeStatus.Completed)
            {
                await Console.Error.WriteLineAsync($"drivesync {command}: the run did not finish: {Reason(view)}");
            }

            return (ExitCode(view), view);
        }
        catch (OptionsValidationException exception)
        {
            return (await ReportInvalidAsync(command, exception.Failures.ToList()), null);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await Console.Error.WriteLineAsync($"drivesync {command}: interrupted; the run goes on at the next start (drivesync run joins it).");
            return (ExitFailed, null);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            await Console.Error.WriteLineAsync($"drivesync {command}: could not finish: {Describe(exception)}");
            return (ExitFailed, null);
        }
    }

    /// <summary>Runs to the end with a live progress display; returns the final view.</summary>
    private static async Task<RunView> RunWithProgressAsync(IServiceProvider services, SyncRunRequest request, CancellationToken cancellationToken)
    {
        var runner = services.GetRequiredService<ForegroundRun>();
        RunView? final = null;
        string? announced = null;
        await AnsiConsole.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask("starting", maxValue: 1);
                void Show(RunView view)
                {
                    if (announced is null)
                    {
                        announced = view.Id;
                        AnsiConsole.MarkupLine($"Run [bold]{Markup.Escape(view.Id)}[/]");
                    }

                    if (view.Progress is not { } progress)
                    {
                        return;
                    }

                    task.MaxValue = Math.Max(1, progress.Listed);
                    task.Value = progress.Done;
                    task.Description = string.Create(CultureInfo.InvariantCulture,
                        $"{progress.Phase,-10} files {progress.Done}/{progress.Listed}  {Size(progress.BytesRead)} read  {progress.FilesPerSecond:F1} files/s");
                }

                final = await runner.RunAsync(request, Show, cancellationToken);
                task.Value = task.MaxValue;
            });
        return final!;
    }

    /// <summary>Prints the counters and reasons of a finished run.</summary>
    public static void PrintSummary(RunView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        AnsiConsole.MarkupLine($"Run [bold]{Markup.Escape(view.Id)}[/]: {view.RuntimeStatus}");
        if (view.Summary is not { } summary)
        {
            return;
        }

        var table = new Table().AddColumns("listed", "uploaded", "skipped", "quarantined", "failed", "read", "written", "reprocessed", "removed");
        table.AddRow(Count(summary.Listed), Count(summary.Uploaded), Count(summary.Skipped),
            Count(summary.Quarantined), Count(summary.Failed), Size(summary.BytesRead), Size(summary.BytesWritten),
            Count(summary.Reprocessed), Count(summary.Removed));
        AnsiConsole.Write(table);
        if (summary.PiiFound.Count > 0)
        {
            AnsiConsole.MarkupLine("PII removed: " + Markup.Escape(string.Join(", ", summary.PiiFound.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key} {p.Value}"))));
        }
    }

    /// <summary>0 clean, 1 completed with failed or quarantined files, 2 the run failed or was terminated.</summary>
    public static int ExitCode(RunView view) => view switch
    {
        { RuntimeStatus: Pipeline.Runs.RuntimeStatus.Completed, Summary: { Failed: 0, Quarantined: 0 } } => ExitClean,
        { RuntimeStatus: Pipeline.Runs.RuntimeStatus.Completed } => ExitWithProblems,
        _ => ExitFailed,
    };

    public static async Task<int> ReportInvalidAsync(string command, IReadOnlyList<string> errors)
    {
        await Console.Error.WriteLineAsync($"drivesync {command}: the configuration is not valid:");
        foreach (var error in errors)
        {
            await Console.Error.WriteLineAsync($"  - {error}");
        }

        await Console.Error.WriteLineAsync("Set these in appsettings.json, as environment variables (DriveSync__Section__Key) or as --DriveSync:Section:Key=value.");
        return ExitFailed;
    }

    /// <summary>Why a run ended without completing: its reason and hint, or the engine's failure message.</summary>
    private static string Reason(RunView view)
    {
        var reason = view.Summary?.FailureReason ?? view.Progress?.FailureReason ?? view.FailureMessage ?? view.RuntimeStatus.ToString();
        var hint = view.Summary?.FailureHint ?? view.Progress?.FailureHint;
        return hint is null ? reason : $"{reason} ({hint})";
    }

    /// <summary>One line naming what failed, the error type and which settings to check; scrubbed.</summary>
    private static string Describe(Exception exception)
    {
        var chain = new List<Exception>();
        for (var e = exception; e is not null; e = e.InnerException)
        {
            chain.Add(e);
        }

        var root = chain[^1];
        var detail = PiiScrubber.Scrub($"{root.GetType().Name}: {root.Message}") ?? root.GetType().Name;
        if (chain.Any(e => e is DriveApiException))
        {
            return $"Drive refused or could not be reached ({detail}). Check DriveSync:Drive:FolderId, DriveSync:Drive:BaseUri and the Drive credentials.";
        }

        if (chain.Any(e => e.GetType().Namespace?.StartsWith("Azure", StringComparison.Ordinal) == true
                || e.GetType().Namespace?.StartsWith("DurableTask", StringComparison.Ordinal) == true
                || e is System.Net.Http.HttpRequestException or System.Net.Sockets.SocketException))
        {
            return $"storage refused or could not be reached ({detail}). Check DriveSync:Storage:ConnectionString (or the service URIs) and that the account is reachable.";
        }

        return detail;
    }

    private static string Count(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Size(long bytes) => bytes < 1_048_576
        ? string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0:F1} KB")
        : string.Create(CultureInfo.InvariantCulture, $"{bytes / 1_048_576.0:F1} MB");
}
