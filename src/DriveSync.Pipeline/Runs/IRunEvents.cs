namespace DriveSync.Pipeline.Runs;

/// <summary>
/// Run events for telemetry. The pipeline registers <see cref="RunEventLog"/> (custom events in Application Insights);
/// a host may register another first.
/// Arguments hold ids, counters and reasons only, never file names or contents.
/// </summary>
public interface IRunEvents
{
    void RunStarted(RunStatus run);

    /// <summary>The run finished as Completed, Failed or Terminated.</summary>
    void RunCompleted(RunStatus run);

    /// <summary>A file was quarantined; <paramref name="reason"/> is the sanitizer's reason (no PII, no name).</summary>
    void FileQuarantined(string runId, string fileId, string reason);
}
