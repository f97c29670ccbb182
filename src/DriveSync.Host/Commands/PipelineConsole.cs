using System.Globalization;
using DriveSync.Pipeline.Runs;
using DriveSync.Pipeline.Wiring;
using DriveSync.Telemetry;
using Spectre.Console;

namespace DriveSync.Host.Commands;

/// <summary>
/// Runs one run in the foreground for <c>drivesync run</c> and <c>drivesync demo</c>: builds the pipeline's
/// services from configuration, shows live progress (files, bytes, rate, ETA) and maps the outcome to an exit code.
/// </summary>
internal static class PipelineConsole
{
    public const int ExitClean = 0;
    public const int ExitWithProblems = 1;
    public const int ExitFailed = 2;

    /// <summary>The pipeline's services, logging warnings (scrubbed) to stderr.</summary>
    public static ServiceProvider BuildServices(IConfiguration configuration)
    {
        var services = new ServiceCollection();
        services.AddSingleton(configuration);
        services.AddLogging(logging => logging
            .AddSimpleConsole(o => o.SingleLine = true)
            .AddFilter(level => level >= LogLevel.Warning)
            .ScrubAllProviders());
        services.Configure<Microsoft.Extensions.Logging.Console.ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        services.AddDriveSyncPipeline(configuration);
        return services.BuildServiceProvider();
    }

    /// <summary>The configuration errors (each naming its setting); empty when valid.</summary>
    public static IReadOnlyList<string> Validate(IServiceProvider services) => services.ValidatePipelineOptions();

    /// <summary>Runs to the end with a live progress display; returns the final status.</summary>
    public static async Task<RunStatus> RunWithProgressAsync(IServiceProvider services, RunRequest request, CancellationToken cancellationToken)
    {
        var runner = services.GetRequiredService<ForegroundRunner>();
        var time = services.GetRequiredService<TimeProvider>();
        var started = time.GetTimestamp();
        RunStatus? final = null;
        await AnsiConsole.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask("starting", maxValue: 1);
                void Show(RunStatus status)
                {
                    var seconds = Math.Max(0.001, time.GetElapsedTime(started).TotalSeconds);
                    var counters = status.Counters;
                    task.MaxValue = Math.Max(1, counters.Listed);
                    task.Value = counters.Done;
                    task.Description = string.Create(CultureInfo.InvariantCulture,
                        $"{status.Phase,-10} files {counters.Done}/{counters.Listed}  {Size(counters.BytesRead)} read  {counters.Done / seconds:F1} files/s");
                }

                final = await runner.RunAsync(request, Show, cancellationToken);
                Show(final);
                task.Value = task.MaxValue;
            });
        return final!;
    }

    /// <summary>Prints the counters and reasons of a finished run.</summary>
    public static void PrintSummary(RunStatus status)
    {
        var counters = status.Counters;
        AnsiConsole.MarkupLine($"Run [bold]{Markup.Escape(status.Id)}[/]: {status.RuntimeStatus}");
        var table = new Table().AddColumns("listed", "uploaded", "skipped", "quarantined", "failed", "read", "written");
        table.AddRow(Count(counters.Listed), Count(counters.Uploaded), Count(counters.Skipped),
            Count(counters.Quarantined), Count(counters.Failed), Size(counters.BytesRead), Size(counters.BytesWritten));
        AnsiConsole.Write(table);
        if (counters.PiiFound.Count > 0)
            AnsiConsole.MarkupLine("PII removed: " + Markup.Escape(string.Join(", ", counters.PiiFound.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key} {p.Value}"))));
        if (status.FailureReason is { } reason)
            AnsiConsole.MarkupLine("[red]Reason:[/] " + Markup.Escape(reason));
    }

    /// <summary>0 clean, 1 finished with failed or quarantined files, 2 the run failed or was terminated.</summary>
    public static int ExitCode(RunStatus status) => status switch
    {
        { RuntimeStatus: RuntimeStatus.Completed, Counters.Failed: 0, Counters.Quarantined: 0 } => ExitClean,
        { RuntimeStatus: RuntimeStatus.Completed } => ExitWithProblems,
        _ => ExitFailed,
    };

    public static async Task<int> ReportInvalidAsync(string command, IReadOnlyList<string> errors)
    {
        await Console.Error.WriteLineAsync($"drivesync {command}: the configuration is not valid:");
        foreach (var error in errors)
            await Console.Error.WriteLineAsync($"  - {error}");
        await Console.Error.WriteLineAsync("Set these in appsettings.json, as environment variables (DriveSync__Section__Key) or as --DriveSync:Section:Key=value.");
        return ExitFailed;
    }

    private static string Count(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Size(long bytes) => bytes < 1_048_576
        ? string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0:F1} KB")
        : string.Create(CultureInfo.InvariantCulture, $"{bytes / 1_048_576.0:F1} MB");
}
