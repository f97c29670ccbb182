namespace DriveSync.Pipeline.Orchestration;

/// <summary>What starts a run: who asked (<c>timer</c>, <c>api</c>, <c>cli</c>, …), at most how many files, and whether only to plan.</summary>
/// <param name="Trigger">A short tag naming the caller; stored in the run's input and summary.</param>
/// <param name="Limit">List and process at most this many files; null for all.</param>
/// <param name="DryRun">List the folder and check the ledger only; nothing is written to storage.</param>
/// <param name="ReprocessAll">Process every listed file again, whatever the ledger says (<c>drivesync run --reprocess all</c>).</param>
public sealed record SyncRunRequest(string Trigger, int? Limit = null, bool DryRun = false, bool ReprocessAll = false);

/// <summary>
/// The run a start returned. <see cref="Created"/> is false when the folder's run was already Pending or Running:
/// <see cref="InstanceId"/> is then that run (the API answers 409).
/// </summary>
public sealed record SyncRunStart(string InstanceId, bool Created);

/// <summary>A quarantined or failed file of a run: its id, sanitized name, outcome (<c>Quarantined</c> or <c>Failed</c>) and reason.</summary>
public sealed record RunProblem(string FileId, string Name, string Outcome, string Reason);

/// <summary>One page of a run's problems, how many there are in all, and how many per reason.</summary>
public sealed record ProblemPage(IReadOnlyList<RunProblem> Items, long Total, IReadOnlyDictionary<string, long> ByReason);
