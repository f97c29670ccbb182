namespace DriveSync.Pipeline.Runs;

/// <summary>
/// Run events for telemetry. The pipeline registers a no-op; the host replaces it (Application Insights).
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

/// <summary>The default <see cref="IRunEvents"/>: does nothing.</summary>
public sealed class NoRunEvents : IRunEvents
{
    public void RunStarted(RunStatus run)
    {
    }

    public void RunCompleted(RunStatus run)
    {
    }

    public void FileQuarantined(string runId, string fileId, string reason)
    {
    }
}
