using System.Globalization;
using Microsoft.Extensions.Logging;

namespace DriveSync.Pipeline.Runs;

/// <summary>
/// The run events as structured log entries that carry <see cref="EventNameKey"/>: Azure Monitor's exporter turns such an
/// entry into a custom event (<c>customEvents</c>, the values in <c>customDimensions</c>), OTLP and the console keep it
/// as a log record. Every value is an id, a count, a status or a reason; the scrubber in front of every logger provider
/// sees them all the same.
/// </summary>
public sealed class RunEventLog(ILogger<RunEventLog> logger, TimeProvider time) : IRunEvents
{
    /// <summary>The attribute that names a custom event (Azure Monitor exporter).</summary>
    public const string EventNameKey = "microsoft.custom_event.name";

    /// <inheritdoc />
    public void RunStarted(RunStatus run)
    {
        ArgumentNullException.ThrowIfNull(run);
        Write(new EventId(1, nameof(RunStarted)), "{microsoft.custom_event.name} {RunId} of {SourceId} by {Trigger}", [
            new(EventNameKey, nameof(RunStarted)),
            new("RunId", run.Id),
            new("SourceId", run.SourceId),
            new("Trigger", run.Trigger),
        ]);
    }

    /// <inheritdoc />
    public void RunCompleted(RunStatus run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var counters = run.Counters;
        var completed = run.CompletedTime ?? time.GetUtcNow();
        List<KeyValuePair<string, object?>> values =
        [
            new(EventNameKey, nameof(RunCompleted)),
            new("RunId", run.Id),
            new("SourceId", run.SourceId),
            new("Trigger", run.Trigger),
            new("RuntimeStatus", run.RuntimeStatus.ToString()),
            new("Listed", counters.Listed),
            new("Uploaded", counters.Uploaded),
            new("Skipped", counters.Skipped),
            new("Quarantined", counters.Quarantined),
            new("Failed", counters.Failed),
            new("Reprocessed", counters.Reprocessed),
            new("Removed", counters.Removed),
            new("BytesRead", counters.BytesRead),
            new("BytesWritten", counters.BytesWritten),
            new("DurationSeconds", Math.Round((completed - run.CreatedTime).TotalSeconds, 3)),
        ];
        if (run.FailureReason is { } reason)
            values.Add(new("FailureReason", reason));
        foreach (var (type, count) in counters.PiiFound)
            values.Add(new("Pii_" + type, count));
        Write(new EventId(2, nameof(RunCompleted)),
            "{microsoft.custom_event.name} {RunId} of {SourceId} by {Trigger}: {RuntimeStatus}, {Listed} listed, {Uploaded} uploaded, {Skipped} skipped, {Quarantined} quarantined, {Failed} failed",
            values);
    }

    /// <inheritdoc />
    public void FileQuarantined(string runId, string fileId, string reason) =>
        Write(new EventId(3, nameof(FileQuarantined)), "{microsoft.custom_event.name} {RunId} {FileId}: {Reason}", [
            new(EventNameKey, nameof(FileQuarantined)),
            new("RunId", runId),
            new("FileId", fileId),
            new("Reason", reason),
        ]);

    private void Write(EventId id, string template, List<KeyValuePair<string, object?>> values)
    {
        if (!logger.IsEnabled(LogLevel.Information))
            return;
        values.Add(new("{OriginalFormat}", template));
        logger.Log(LogLevel.Information, id, values, null, (state, _) => Format(template, state));
    }

    /// <summary>The template with each <c>{Name}</c> replaced by its value (invariant culture).</summary>
    private static string Format(string template, List<KeyValuePair<string, object?>> values)
    {
        var text = template;
        foreach (var (key, value) in values)
            text = text.Replace("{" + key + "}", Convert.ToString(value, CultureInfo.InvariantCulture), StringComparison.Ordinal);
        return text;
    }
}
