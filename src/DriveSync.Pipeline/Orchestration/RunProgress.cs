namespace DriveSync.Pipeline.Orchestration;

/// <summary>Names of <see cref="RunProgress.Phase"/>.</summary>
public static class RunPhase
{
    public const string Listing = "Listing";
    public const string Processing = "Processing";
    public const string Finalizing = "Finalizing";
    public const string Completed = "Completed";
    public const string Failed = "Failed";
    public const string Terminated = "Terminated";
}

/// <summary>
/// The SyncFolder orchestration's custom status, set after every page and batch: ids and counts only, never names or
/// document text. <see cref="LastProgressAt"/> is the orchestration's own clock; <see cref="FilesPerSecond"/> is measured
/// over the last <c>ProgressWindowFiles</c> files (0 until two samples exist). <see cref="Reprocessed"/> counts the Uploaded
/// files that replaced an output written under another sanitizer policy (a part of <see cref="Uploaded"/>);
/// <see cref="Removed"/> the outputs deleted because their source left the tree or was superseded (not listed files).
/// </summary>
public sealed record RunProgress(
    string Phase,
    long Listed,
    bool ListingComplete,
    long Uploaded,
    long Skipped,
    long Quarantined,
    long Failed,
    long BytesRead,
    long BytesWritten,
    IReadOnlyDictionary<string, long> PiiFound,
    DateTimeOffset StartedAt,
    DateTimeOffset LastProgressAt,
    double FilesPerSecond,
    int BatchesInFlight,
    string Trigger,
    bool DryRun,
    string? FailureReason = null,
    string? FailureHint = null,
    long Reprocessed = 0,
    long Removed = 0)
{
    /// <summary>Files that reached an outcome.</summary>
    public long Done => Uploaded + Skipped + Quarantined + Failed;
}

/// <summary>
/// The SyncFolder orchestration's output: the run's final counters (recounted from its batch results), its timings and,
/// unless it completed, why not. <see cref="Status"/> is <c>Completed</c>, <c>Failed</c> or <c>Terminated</c>. For a dry
/// run, <see cref="Listed"/> minus <see cref="Skipped"/> files would be processed, <see cref="BytesRead"/> of them,
/// <see cref="Reprocessed"/> of them again under the current sanitizer policy, and <see cref="Removed"/> files would lose
/// their outputs. <see cref="Reprocessed"/> is a part of <see cref="Uploaded"/>; <see cref="Removed"/> counts deleted
/// outputs, not listed files.
/// </summary>
public sealed record RunSummary(
    string RunId,
    string SourceId,
    string Trigger,
    string Status,
    bool DryRun,
    long Listed,
    long Uploaded,
    long Skipped,
    long Quarantined,
    long Failed,
    long BytesRead,
    long BytesWritten,
    IReadOnlyDictionary<string, long> PiiFound,
    DateTimeOffset StartedAt,
    DateTimeOffset CompletedAt,
    string? FailureReason = null,
    string? FailureHint = null,
    long Reprocessed = 0,
    long Removed = 0)
{
    /// <summary>True when every listed file was Uploaded or Skipped and the run completed.</summary>
    public bool IsClean => Status == RunPhase.Completed && Quarantined == 0 && Failed == 0;
}
