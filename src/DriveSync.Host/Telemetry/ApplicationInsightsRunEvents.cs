using System.Globalization;
using DriveSync.Pipeline.Runs;
using DriveSync.Sanitization.Redaction;
using Microsoft.ApplicationInsights;

namespace DriveSync.Host.Telemetry;

/// <summary>The pipeline's run events as Application Insights custom events: RunStarted, RunCompleted, FileQuarantined.</summary>
public sealed class ApplicationInsightsRunEvents(TelemetryClient client) : IRunEvents
{
    /// <inheritdoc />
    public void RunStarted(RunStatus run) =>
        client.TrackEvent("RunStarted", Properties(run), Measurements(run));

    /// <inheritdoc />
    public void RunCompleted(RunStatus run)
    {
        var properties = Properties(run);
        if (run.FailureReason is { } reason)
        {
            properties["FailureReason"] = PiiScrubber.Scrub(reason) ?? string.Empty;
        }

        var measurements = Measurements(run);
        if (run.CompletedTime is { } completed)
        {
            measurements["DurationSeconds"] = (completed - run.CreatedTime).TotalSeconds;
        }

        client.TrackEvent("RunCompleted", properties, measurements);
    }

    /// <inheritdoc />
    public void FileQuarantined(string runId, string fileId, string reason) =>
        client.TrackEvent("FileQuarantined", new Dictionary<string, string>
        {
            ["RunId"] = runId,
            ["FileId"] = fileId,
            ["Reason"] = PiiScrubber.Scrub(reason) ?? string.Empty,
        });

    private static Dictionary<string, string> Properties(RunStatus run) => new()
    {
        ["RunId"] = run.Id,
        ["SourceId"] = run.SourceId,
        ["Trigger"] = run.Trigger,
        ["RuntimeStatus"] = run.RuntimeStatus.ToString(),
        ["Phase"] = run.Phase,
        ["CreatedTime"] = run.CreatedTime.ToString("o", CultureInfo.InvariantCulture),
    };

    private static Dictionary<string, double> Measurements(RunStatus run)
    {
        var counters = run.Counters;
        var measurements = new Dictionary<string, double>
        {
            ["Listed"] = counters.Listed,
            ["Uploaded"] = counters.Uploaded,
            ["Skipped"] = counters.Skipped,
            ["Quarantined"] = counters.Quarantined,
            ["Failed"] = counters.Failed,
            ["BytesRead"] = counters.BytesRead,
            ["BytesWritten"] = counters.BytesWritten,
        };
        foreach (var (type, count) in counters.PiiFound)
        {
            measurements["Pii_" + type] = count;
        }

        return measurements;
    }
}
