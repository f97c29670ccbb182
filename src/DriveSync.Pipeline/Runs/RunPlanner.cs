using DriveSync.Pipeline.Ledger;
using DriveSync.Pipeline.Ports;
using DriveSync.Pipeline.State;

namespace DriveSync.Pipeline.Runs;

/// <summary>
/// A dry run: lists the source (up to the limit) and checks the ledger, writing nothing. The returned
/// status is Completed in phase Planned; <c>Listed - Skipped</c> files would be processed.
/// </summary>
public sealed class RunPlanner(IBlobStore blobs, IDriveSource source, LedgerStore ledgers, PipelineOptions options, TimeProvider time)
{
    public async Task<RunStatus> PlanAsync(RunRequest request, CancellationToken cancellationToken)
    {
        var started = time.GetUtcNow();
        var ledger = await ReadLedgerAsync(cancellationToken);
        var checkpoint = new RunCheckpoint
        {
            RunId = "dryrun-" + StatePaths.NewRunId(started),
            SourceId = source.SourceId,
            Trigger = request.Trigger,
            Limit = request.Limit,
            CreatedTime = started,
        };
        string? cursor = null;
        do
        {
            var page = await source.ListPageAsync(cursor, cancellationToken);
            foreach (var file in page.Files)
            {
                if (checkpoint.Listed >= request.Limit)
                    break;
                checkpoint.Listed++;
                if (ledger.Contains(file.Id, file.VersionKey))
                    checkpoint.Skipped++;
                else
                    checkpoint.BytesRead += file.Size;
            }
            cursor = page.NextCursor;
            checkpoint.PagesListed++;
        }
        while (cursor is not null && !(checkpoint.Listed >= request.Limit));
        checkpoint.Status = RuntimeStatus.Completed;
        checkpoint.Phase = RunPhases.Planned;
        checkpoint.ListingDone = true;
        checkpoint.LastUpdatedTime = time.GetUtcNow();
        checkpoint.CompletedTime = checkpoint.LastUpdatedTime;
        return checkpoint.ToStatus();
    }

    private async Task<FileLedger> ReadLedgerAsync(CancellationToken cancellationToken)
    {
        var exists = await blobs.GetMetadataAsync(options.StateContainer, StatePaths.Ledger(source.SourceId), cancellationToken);
        return exists is null ? new FileLedger() : await ledgers.LoadCurrentAsync(source.SourceId, cancellationToken);
    }
}
