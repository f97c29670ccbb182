using System.Runtime.CompilerServices;
using DriveSync.Pipeline.Ledger;
using DriveSync.Pipeline.Ports;
using DriveSync.Pipeline.State;
using Microsoft.Extensions.Logging;

namespace DriveSync.Pipeline.Runs;

/// <summary>
/// Finishes a run: closes unfinished batches (their files Failed with the reason), writes the JSONL run
/// manifest and the summary, merges the run's files into the ledger, does the optional Drive post-action,
/// saves the final status and releases the source lease. Every step may run again after a crash.
/// </summary>
public sealed class RunFinalizer(
    IBlobStore blobs,
    IDriveSource source,
    CheckpointStore checkpoints,
    LedgerStore ledgers,
    ChangeStateStore changeStates,
    PipelineMetrics metrics,
    IRunEvents events,
    PipelineOptions options,
    TimeProvider time,
    ILogger<RunFinalizer> logger)
{
    public async Task FinalizeAsync(string runId, RuntimeStatus outcome, string? reason, CancellationToken cancellationToken)
    {
        var checkpoint = await checkpoints.LoadAsync(runId, cancellationToken);
        if (checkpoint is null || checkpoint.IsTerminal)
            return;

        foreach (var pending in checkpoint.Pending)
            await CloseBatchAsync(runId, pending.Number, reason ?? "The run ended before the batch ran.", cancellationToken);

        var postAction = outcome == RuntimeStatus.Completed && !string.IsNullOrEmpty(options.PostActionFolderId);
        var tally = await WriteManifestAsync(runId, checkpoint.NextBatch, new RunResultTally(checkpoint.Listed, postAction), cancellationToken);
        await ledgers.MergeAsync(checkpoint.SourceId, tally.Done, cancellationToken);

        if (outcome == RuntimeStatus.Completed && checkpoint.ChangesToken is { } token && checkpoint.RootFolderId is { } root)
            await SaveChangeStateAsync(checkpoint, token, root, tally.AnyFailed, cancellationToken);

        var moved = 0;
        if (postAction)
            moved = await MoveProcessedAsync(tally.Uploaded, options.PostActionFolderId!, cancellationToken);

        var final = await checkpoints.UpdateAsync(runId, c =>
        {
            if (c.IsTerminal)
                return false;
            c.Status = outcome;
            c.Phase = RunPhases.Done;
            c.CompletedTime = time.GetUtcNow();
            c.FailureReason = outcome == RuntimeStatus.Completed ? null : reason;
            c.Pending.Clear();
            c.StepSeq++;
            return true;
        }, cancellationToken);
        if (final is null)
            return;
        using (var summary = new MemoryStream(StateJson.Serialize(final.ToStatus())))
            await blobs.WriteAsync(options.StateContainer, StatePaths.Summary(runId), summary, BlobWriteOptions.Json(), cancellationToken);
        await blobs.ReleaseLeaseAsync(options.StateContainer, StatePaths.Lease(final.SourceId), StatePaths.LeaseId(runId), cancellationToken);
        ledgers.Forget(runId);
        events.RunCompleted(final.ToStatus());
        logger.LogInformation(
            "Run {RunId} finished {RuntimeStatus}: {Listed} listed, {Uploaded} uploaded, {Skipped} skipped, {Quarantined} quarantined, {Failed} failed, {Moved} moved",
            runId, final.Status, final.Listed, final.Uploaded, final.Skipped, final.Quarantined, final.Failed, moved);
    }

    /// <summary>
    /// Saves where the next run's change list starts: the new token with the watched ids (unchanged by an incremental
    /// run; the folders and shortcut targets the listing found after a full one). A run with failed files forgets the
    /// state instead, so that the next run lists everything and tries those files again.
    /// </summary>
    private async Task SaveChangeStateAsync(RunCheckpoint checkpoint, string token, string root, bool anyFailed, CancellationToken cancellationToken)
    {
        ChangeState? next = null;
        if (!anyFailed)
        {
            next = checkpoint.Incremental
                ? (await changeStates.LoadAsync(checkpoint.SourceId, cancellationToken))?.WithToken(token)
                : new ChangeState(token, root, await changeStates.ReadRunWatchedAsync(checkpoint.RunId, cancellationToken));
        }
        if (next is null)
            await changeStates.DeleteAsync(checkpoint.SourceId, cancellationToken);
        else
            await changeStates.SaveAsync(checkpoint.SourceId, next, cancellationToken);
    }

    /// <summary>Gives a batch that has no result a result with every file Failed, then folds it in.</summary>
    private async Task CloseBatchAsync(string runId, int number, string reason, CancellationToken cancellationToken)
    {
        var resultName = StatePaths.Result(runId, number);
        var existing = await blobs.ReadAsync(options.StateContainer, resultName, cancellationToken);
        BatchResult result;
        if (existing is not null)
        {
            result = StateJson.Deserialize<BatchResult>(existing.Content);
        }
        else
        {
            var manifest = await blobs.ReadAsync(options.StateContainer, StatePaths.Batch(runId, number), cancellationToken)
                ?? throw new InvalidDataException($"Batch {number} of run {runId} has no manifest.");
            var files = StateJson.Deserialize<BatchManifest>(manifest.Content).Files;
            result = new BatchResult(number, files.Select(f => FileResult.Without(f, FileOutcome.Failed, reason)).ToList());
            using var content = new MemoryStream(StateJson.Serialize(result));
            if (await blobs.WriteAsync(options.StateContainer, resultName, content, BlobWriteOptions.Json(WriteCondition.IfAbsent), cancellationToken) is null)
            {
                var winner = await blobs.ReadAsync(options.StateContainer, resultName, cancellationToken)
                    ?? throw new InvalidDataException($"Batch {number} of run {runId} lost its result.");
                result = StateJson.Deserialize<BatchResult>(winner.Content);
            }
        }
        var saved = await checkpoints.UpdateAsync(runId, c =>
        {
            if (c.Pending.RemoveAll(b => b.Number == number) == 0)
                return false;
            c.Add(result);
            return true;
        }, cancellationToken);
        if (saved is not null)
            metrics.Record(result);
    }

    /// <summary>
    /// Streams the run manifest into its blob batch result by batch result, in batch order (the upload reads the
    /// next result only when it needs more bytes), and folds each batch into <paramref name="tally"/> on the way.
    /// </summary>
    private async Task<RunResultTally> WriteManifestAsync(string runId, int batchCount, RunResultTally tally, CancellationToken cancellationToken)
    {
        await using var content = new JsonLinesStream<FileResult>(ReadResultsAsync(runId, batchCount, tally, cancellationToken), StateJson.Options);
        await blobs.WriteAsync(options.StateContainer, StatePaths.Manifest(runId), content,
            new BlobWriteOptions(ContentType: "application/x-ndjson"), cancellationToken);
        return tally;
    }

    private async IAsyncEnumerable<IReadOnlyList<FileResult>> ReadResultsAsync(string runId, int batchCount, RunResultTally tally,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        for (var number = 0; number < batchCount; number++)
        {
            var blob = await blobs.ReadAsync(options.StateContainer, StatePaths.Result(runId, number), cancellationToken);
            if (blob is null)
                continue;
            var files = StateJson.Deserialize<BatchResult>(blob.Content).Files;
            tally.Add(files);
            yield return files;
        }
    }

    private async Task<int> MoveProcessedAsync(IReadOnlyList<string> uploadedIds, string folderId, CancellationToken cancellationToken)
    {
        var moved = 0;
        foreach (var id in uploadedIds)
        {
            try
            {
                await source.MoveToFolderAsync(id, folderId, cancellationToken);
                moved++;
            }
            catch (Exception exception) when (exception is not OperationCanceledException && source.Classify(exception) == FailureKind.SkipFile)
            {
                logger.LogWarning("Post-action skipped file {FileId}: {ErrorType}", id, exception.GetType().Name);
            }
        }
        return moved;
    }
}
