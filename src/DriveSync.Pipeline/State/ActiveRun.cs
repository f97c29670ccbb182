namespace DriveSync.Pipeline.State;

/// <summary>
/// <c>sources/{folder}/active.json</c>: the folder's latest run, and when a start claimed it (the run starts right after).
/// Replaced only by ETag-conditional writes (see <see cref="Orchestration.SyncRunStarter"/>).
/// </summary>
public sealed record ActiveRun(string RunId, DateTimeOffset? ClaimedAt = null);
