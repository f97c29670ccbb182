using System.Runtime.CompilerServices;
using DriveSync.Pipeline.Ledger;
using DriveSync.Pipeline.Orchestration;
using DriveSync.Pipeline.Ports;
using DriveSync.Pipeline.State;
using DriveSync.Pipeline.Work;
using Microsoft.Extensions.Logging;

namespace DriveSync.Pipeline.Runs;

/// <summary>
/// The work of the FinalizeRun activity: gives every batch without a result one with its files Failed (the reason: why
/// the run ended), streams the JSONL run manifest from the batch results (recounting the run's counters on the way),
/// merges the run's done files into the ledger, saves or forgets the changes token (completed runs), does the optional
/// post-action, and writes <c>summary.json</c> (today's RunStatus shape). With <c>DeleteRemoved</c>, a completed run
/// without a limit also deletes the outputs of files that left the tree (<see cref="GoneOutputs"/>; Removed lines at the
/// end of the manifest) and forgets them in the ledger. Every step may run again.
/// </summary>
public sealed class RunFinalizer(
    IBlobStore blobs,
    IDriveSource source,
    BatchProcessor batches,
    LedgerStore ledgers,
    GoneOutputs gone,
    OutputRemover remover,
    ChangeStateStore changeStates,
    PipelineMetrics metrics,
    IRunEvents events,
    PipelineOptions options,
    ILogger<RunFinalizer> logger)
{
    public Task<RunSummary> FinalizeAsync(FinalizeRunInput input, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(input);
        return RunTracing.InSpanAsync(RunTracing.Finalize, input.RunId, input.TraceParent, span =>
        {
            span?.SetTag("drivesync.outcome", input.Outcome);
            return FinalizeRunAsync(input, ct);
        });
    }

    private async Task<RunSummary> FinalizeRunAsync(FinalizeRunInput input, CancellationToken ct)
    {
        var runId = input.RunId;
        var completed = input.Outcome == RunPhase.Completed;
        var reason = input.Reason ?? "The run ended before the batch ran.";
        var batchCount = input.BatchCount ?? await Guard.StorageAsync("batch count", blobs, () => CountBatchesAsync(runId, ct));
        var postAction = completed && !string.IsNullOrEmpty(options.PostActionFolderId);

        var tally = new RunResultTally(postAction);
        var removal = new RemovalStep(completed && !input.Limited && input.DeleteRemoved);
        await Guard.StorageAsync("manifest write", blobs, async () =>
        {
            await using var content = new JsonLinesStream<FileResult>(ReadResultsAsync(runId, batchCount, reason, tally, removal, ct), StateJson.Options);
            await blobs.WriteAsync(options.StateContainer, StatePaths.Manifest(runId), content, new BlobWriteOptions(ContentType: "application/x-ndjson"), ct);
        });
        await Guard.StorageAsync("ledger merge", blobs, () => ledgers.MergeAsync(source.SourceId, tally.Done, removal.Forget, ct));
        if (completed && !input.Limited)
            await Guard.StorageAsync("changes token save", blobs, () => SaveChangeStateAsync(runId, tally.AnyFailed, ct));

        var moved = postAction ? await MoveProcessedAsync(tally.UploadedIds, options.PostActionFolderId!, ct) : 0;

        var summary = new RunSummary(runId, source.SourceId, input.Trigger, input.Outcome, false, tally.Files, tally.Uploaded, tally.Skipped,
            tally.Quarantined, tally.Failed, tally.BytesRead, tally.BytesWritten, tally.Counters().PiiFound, input.StartedAt, input.CompletedAt,
            completed ? null : input.Reason, completed ? null : input.Hint, tally.Reprocessed, tally.Removed);
        var status = ToStatus(summary);
        await Guard.StorageAsync("summary write", blobs, async () =>
        {
            using var content = new MemoryStream(StateJson.Serialize(status));
            await blobs.WriteAsync(options.StateContainer, StatePaths.Summary(runId), content, BlobWriteOptions.Json(), ct);
        });
        ledgers.Forget(runId);
        events.RunCompleted(status);
        logger.LogInformation(
            "Run {RunId} finished {RuntimeStatus}: {Listed} listed, {Uploaded} uploaded ({Reprocessed} reprocessed), {Skipped} skipped, {Quarantined} quarantined, {Failed} failed, {Removed} outputs removed, {Moved} moved",
            runId, summary.Status, summary.Listed, summary.Uploaded, summary.Reprocessed, summary.Skipped, summary.Quarantined, summary.Failed, summary.Removed, moved);
        return summary;
    }

    /// <summary>The summary in <c>summary.json</c>'s shape (the RunStatus scripts read).</summary>
    public static RunStatus ToStatus(RunSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        return new(summary.RunId, summary.SourceId, summary.Trigger, Enum.Parse<RuntimeStatus>(summary.Status), "Done",
            new RunCounters(summary.Listed, summary.Uploaded, summary.Skipped, summary.Quarantined, summary.Failed, summary.BytesRead,
                summary.BytesWritten, summary.PiiFound, summary.Reprocessed, summary.Removed),
            summary.StartedAt, summary.CompletedAt, summary.CompletedAt, summary.FailureReason);
    }

    /// <summary>
    /// Saves where the next run's change list starts: the new token with the watched ids (unchanged by an incremental
    /// run; the folders and shortcut targets the listing found after a full one). A run with failed files forgets the
    /// state instead, so that the next run lists everything and tries those files again.
    /// </summary>
    private async Task SaveChangeStateAsync(string runId, bool anyFailed, CancellationToken ct)
    {
        if (await changeStates.LoadRunAsync(runId, ct) is not { } start)
            return;
        ChangeState? next = null;
        if (!anyFailed)
        {
            next = start.Incremental
                ? (await changeStates.LoadAsync(source.SourceId, ct))?.WithToken(start.Token)
                : new ChangeState(start.Token, start.RootFolderId, await changeStates.ReadRunWatchedAsync(runId, ct));
        }
        if (next is null)
            await changeStates.DeleteAsync(source.SourceId, ct);
        else
            await changeStates.SaveAsync(source.SourceId, next, ct);
    }

    /// <summary>
    /// The batch results in batch order, each read only when the manifest upload needs more bytes; a batch with a
    /// manifest and no result gets one with every file Failed (<paramref name="reason"/>). Folds each into <paramref name="tally"/>.
    /// </summary>
    private async IAsyncEnumerable<IReadOnlyList<FileResult>> ReadResultsAsync(string runId, int batchCount, string reason, RunResultTally tally,
        RemovalStep removal, [EnumeratorCancellation] CancellationToken ct)
    {
        for (var number = 0; number < batchCount; number++)
        {
            var blob = await blobs.ReadAsync(options.StateContainer, StatePaths.Result(runId, number), ct);
            BatchResult result;
            if (blob is not null)
            {
                result = StateJson.Deserialize<BatchResult>(blob.Content);
            }
            else if (await blobs.ReadAsync(options.StateContainer, StatePaths.Batch(runId, number), ct) is { } manifest)
            {
                var (saved, won) = await batches.WriteOnceAsync(StatePaths.Result(runId, number),
                    BatchProcessor.AllFailed(StateJson.Deserialize<BatchManifest>(manifest.Content), reason), ct);
                if (won)
                    metrics.Record(saved);
                result = saved;
            }
            else
            {
                continue;
            }
            tally.Add(result.Files);
            yield return result.Files;
        }
        if (removal.Enabled)
        {
            var plan = await gone.PlanAsync(runId, tally.Listed, ct);
            await remover.DeleteAsync(plan.Lines, ct);
            removal.Forget = plan.Forget;
            tally.Add(plan.Lines);
            yield return plan.Lines;
        }
    }

    /// <summary>Whether the run removes the outputs of files that left the tree, and (once planned) the ledger entries to forget.</summary>
    private sealed class RemovalStep(bool enabled)
    {
        public bool Enabled { get; } = enabled;
        public IReadOnlyCollection<ulong> Forget { get; set; } = [];
    }

    /// <summary>One more than the highest batch number with a manifest or a result (a run finalized without its orchestrator's count).</summary>
    private async Task<int> CountBatchesAsync(string runId, CancellationToken ct)
    {
        var count = 0;
        foreach (var prefix in new[] { StatePaths.BatchPrefix(runId), StatePaths.ResultPrefix(runId) })
        {
            string? marker = null;
            do
            {
                var page = await blobs.ListAsync(options.StateContainer, prefix, marker, 5000, ct);
                foreach (var name in page.Names)
                    count = Math.Max(count, StatePaths.NumberOf(name) + 1);
                marker = page.NextMarker;
            }
            while (marker is not null);
        }
        return count;
    }

    private async Task<int> MoveProcessedAsync(IReadOnlyList<string> uploadedIds, string folderId, CancellationToken ct)
    {
        var moved = 0;
        foreach (var id in uploadedIds)
        {
            try
            {
                await source.MoveToFolderAsync(id, folderId, ct);
                moved++;
            }
            catch (Exception exception) when (exception is not OperationCanceledException && source.Classify(exception) == FailureKind.SkipFile)
            {
                logger.LogWarning("Post-action skipped file {FileId}: {ErrorType}", id, exception.GetType().Name);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                throw source.Classify(exception) == FailureKind.Retry
                    ? new TransientDependencyException($"The post-action move failed transiently ({exception.GetType().Name}).")
                    : new DriveStopException($"Drive: the post-action move failed ({exception.GetType().Name}).");
            }
        }
        return moved;
    }
}
