using DriveSync.Pipeline.Runs;

namespace DriveSync.Pipeline.State;

/// <summary>
/// The durable state of one run, saved as <c>runs/{id}/checkpoint.json</c> after every page and every
/// finished batch, always by ETag-conditional write. Holds ids, counters and reasons, never names or contents.
/// </summary>
public sealed class RunCheckpoint
{
    public required string RunId { get; init; }
    public required string SourceId { get; init; }
    public required string Trigger { get; init; }
    public int? Limit { get; init; }
    public RuntimeStatus Status { get; set; } = RuntimeStatus.Pending;
    public string Phase { get; set; } = RunPhases.Pending;

    /// <summary>Serialized listing cursor of the next page; null before the first page and after the last.</summary>
    public string? Cursor { get; set; }
    public bool ListingDone { get; set; }

    /// <summary>True when the run takes the source's changes since the last completed run instead of listing the tree.</summary>
    public bool Incremental { get; set; }

    /// <summary>The changes token saved for the next run when this one completes; null when changes are not tracked.</summary>
    public string? ChangesToken { get; set; }

    /// <summary>The source folder's own id as Drive reports it in parents (set with <see cref="ChangesToken"/>).</summary>
    public string? RootFolderId { get; set; }
    public int PagesListed { get; set; }

    /// <summary>Number the next batch gets; batches are numbered from 0 in listing order.</summary>
    public int NextBatch { get; set; }

    /// <summary>Batches written and not yet folded in.</summary>
    public List<PendingBatch> Pending { get; set; } = [];

    /// <summary>Sequence number of the coordinator step message that may act next; stale step messages are dropped.</summary>
    public long StepSeq { get; set; }

    /// <summary>How many times this checkpoint has been written.</summary>
    public long Writes { get; set; }

    public long Listed { get; set; }
    public long Uploaded { get; set; }
    public long Skipped { get; set; }
    public long Quarantined { get; set; }
    public long Failed { get; set; }
    public long BytesRead { get; set; }
    public long BytesWritten { get; set; }
    public Dictionary<string, long> PiiFound { get; set; } = [];

    public DateTimeOffset CreatedTime { get; init; }
    public DateTimeOffset LastUpdatedTime { get; set; }
    public DateTimeOffset? CompletedTime { get; set; }

    /// <summary>Set by a terminate request; the coordinator finishes the run as Terminated.</summary>
    public string? TerminateReason { get; set; }

    /// <summary>Set when a dependency said StopRun; the coordinator finishes the run as Failed.</summary>
    public string? StopReason { get; set; }
    public string? FailureReason { get; set; }

    public bool IsTerminal => Status is RuntimeStatus.Completed or RuntimeStatus.Failed or RuntimeStatus.Terminated;

    /// <summary>Adds a finished batch's outcomes to the counters.</summary>
    public void Add(BatchResult result)
    {
        foreach (var file in result.Files)
        {
            switch (file.Outcome)
            {
                case FileOutcome.Uploaded: Uploaded++; break;
                case FileOutcome.Skipped: Skipped++; break;
                case FileOutcome.Quarantined: Quarantined++; break;
                default: Failed++; break;
            }
            BytesRead += file.BytesRead;
            BytesWritten += file.BytesWritten;
            foreach (var (type, count) in file.Pii)
                PiiFound[type] = PiiFound.GetValueOrDefault(type) + count;
        }
    }

    public RunStatus ToStatus() => new(
        RunId, SourceId, Trigger, Status, Phase,
        new RunCounters(Listed, Uploaded, Skipped, Quarantined, Failed, BytesRead, BytesWritten, new Dictionary<string, long>(PiiFound)),
        CreatedTime, LastUpdatedTime, CompletedTime, FailureReason);
}

/// <summary>A batch whose result is not yet folded into the checkpoint.</summary>
/// <param name="Number">Batch number.</param>
/// <param name="Files">Files in the batch.</param>
/// <param name="Dispatched">Whether its queue message was sent.</param>
public sealed record PendingBatch(int Number, int Files, bool Dispatched);

/// <summary>Names of <see cref="RunStatus.Phase"/>.</summary>
public static class RunPhases
{
    public const string Pending = "Pending";
    public const string Listing = "Listing";
    public const string Draining = "Draining";
    public const string Finalizing = "Finalizing";
    public const string Done = "Done";
    public const string Planned = "Planned";
}
