using DriveSync.Pipeline.Runs;

namespace DriveSync.Pipeline.Orchestration;

/// <summary>
/// Input of the SyncFolder orchestration: the folder id and the request (<see cref="ReprocessAll"/>: process every listed
/// file again, whatever the ledger says). The starter fills <see cref="Settings"/> from <c>DriveSync:Pipeline</c> once, so
/// that replays never read configuration. <see cref="Recover"/> names an earlier run of the folder that ended without its
/// artefacts (terminated by the engine); it is finalized first. <see cref="Carry"/> is null on the first generation and
/// holds the counters and listing position across <c>ContinueAsNew</c>. <see cref="TraceParent"/> is the run span's W3C
/// <c>traceparent</c> (see <see cref="RunTracing"/>), handed to every activity so that one run is one trace; null when not traced.
/// </summary>
public sealed record SyncFolderInput(
    string SourceId,
    string Trigger,
    int? Limit,
    bool DryRun,
    RunSettings Settings,
    RecoverRun? Recover = null,
    RunCarry? Carry = null,
    bool ReprocessAll = false,
    string? TraceParent = null);

/// <summary>The orchestration's knobs, copied from <see cref="PipelineOptions"/> at start.</summary>
/// <param name="MaxBatchesInFlight">ProcessBatch activities running at once.</param>
/// <param name="PagesPerGeneration">Listing pages per orchestration generation before <c>ContinueAsNew</c>.</param>
/// <param name="MaxAttempts">Attempts of an activity that failed transiently (first call included).</param>
/// <param name="FirstRetryInterval">Wait before the first retry; doubles each time up to <paramref name="MaxRetryInterval"/>.</param>
/// <param name="MaxRetryInterval">Longest wait between retries.</param>
/// <param name="ProgressWindowFiles">Files the files/s rate is measured over.</param>
/// <param name="UseChanges">Take an incremental run's files from the changes list.</param>
/// <param name="ReprocessOnPolicyChange">Process again the files whose outputs were written under another sanitizer policy.</param>
/// <param name="DeleteRemoved">Delete the outputs of files that left the tree and the superseded outputs of changed files.</param>
public sealed record RunSettings(
    int MaxBatchesInFlight,
    int PagesPerGeneration,
    int MaxAttempts,
    TimeSpan FirstRetryInterval,
    TimeSpan MaxRetryInterval,
    int ProgressWindowFiles,
    bool UseChanges,
    bool ReprocessOnPolicyChange = true,
    bool DeleteRemoved = false);

/// <summary>An earlier run of the folder to finalize before this one starts (its batches without results are Failed with <see cref="Reason"/>).</summary>
public sealed record RecoverRun(string RunId, string Trigger, string Outcome, string Reason, DateTimeOffset StartedAt);

/// <summary>What one generation hands the next through <c>ContinueAsNew</c>: position, counters and the rate window.</summary>
public sealed record RunCarry(
    int Generation,
    int PagesListed,
    int NextBatch,
    string? CursorRef,
    bool ListingComplete,
    RunCounters Tally,
    DateTimeOffset StartedAt,
    IReadOnlyList<ProgressSample> Window);

/// <summary>How many files were done at an instant of the orchestration's clock (for files/s).</summary>
public sealed record ProgressSample(DateTimeOffset At, long Done);

/// <summary>
/// Input of the ListPage activity: the run, the page number, the blob holding the cursor (null on the first page), the
/// number the page's first batch gets, how many files the run has listed so far and its limit, and what the run does
/// about stale outputs: reprocess those written under another policy (or, with <see cref="ReprocessAll"/>, every file),
/// and with <see cref="DeleteRemoved"/> remove the outputs of files that changed or left the tree.
/// </summary>
public sealed record ListPageInput(
    string RunId,
    int Page,
    string? CursorRef,
    int FirstBatch,
    long ListedSoFar,
    int? Limit,
    bool DryRun,
    bool UseChanges,
    bool ReprocessOnPolicyChange = true,
    bool ReprocessAll = false,
    bool DeleteRemoved = false,
    string? TraceParent = null);

/// <summary>
/// Output of ListPage: the batches it wrote (manifest blobs), the next batch number, how many files it listed and
/// how many of them the ledger skipped (already recorded in a result blob), the next cursor's blob (null after the
/// last page), and whether the listing is complete. A dry run lists every page in one call and writes nothing;
/// <see cref="BytesToProcess"/> is then the listed size of the files it would process, <see cref="Reprocess"/> how many
/// of them would be reprocessed (outputs written under another policy) and <see cref="Removals"/> how many files would
/// lose their outputs (left the tree, or changed, with <c>DeleteRemoved</c>).
/// </summary>
public sealed record ListPageOutput(
    int Page,
    IReadOnlyList<BatchRef> Batches,
    int NextBatch,
    long Listed,
    long Skipped,
    string? NextCursorRef,
    bool ListingComplete,
    long BytesToProcess = 0,
    long Reprocess = 0,
    long Removals = 0);

/// <summary>A batch manifest blob: its number, its name in the state container, and its file count.</summary>
public sealed record BatchRef(int Number, string ManifestRef, int Files);

/// <summary>
/// Input of ProcessBatch. With <see cref="FailReason"/> set the batch is not processed: its files without an outcome are
/// recorded Failed with that reason (the orchestrator's answer to a batch whose retries ran out). <see cref="TraceParent"/>:
/// the run span's <c>traceparent</c>.
/// </summary>
public sealed record ProcessBatchInput(string RunId, BatchRef Batch, string? FailReason = null, string? TraceParent = null);

/// <summary>
/// Output of ProcessBatch: the result blob and the batch's counters. <see cref="StopReason"/> is set when a dependency
/// said the run cannot go on (its file is recorded Failed); the orchestrator then fails the run. <see cref="Reprocessed"/>
/// counts the Uploaded files that replaced an output written under another policy, <see cref="Removed"/> the superseded
/// outputs deleted.
/// </summary>
public sealed record BatchOutcome(
    int Number,
    string ResultRef,
    int Uploaded,
    int Skipped,
    int Quarantined,
    int Failed,
    long BytesRead,
    long BytesWritten,
    IReadOnlyDictionary<string, long> PiiFound,
    string? StopReason = null,
    string? StopHint = null,
    int Reprocessed = 0,
    int Removed = 0);

/// <summary>
/// Input of FinalizeRun: the run, its outcome (<c>Completed</c>, <c>Failed</c> or <c>Terminated</c>) and reason, how
/// many batch numbers it used (null: find them in the state container), its timings from the orchestration's clock, and
/// the run span's <c>traceparent</c>, and whether it deletes the outputs of files that left the tree (<see cref="DeleteRemoved"/>).
/// </summary>
public sealed record FinalizeRunInput(
    string RunId,
    string Trigger,
    string Outcome,
    string? Reason,
    string? Hint,
    int? BatchCount,
    bool Limited,
    DateTimeOffset StartedAt,
    DateTimeOffset CompletedAt,
    bool DeleteRemoved = false,
    string? TraceParent = null);
