using DriveSync.Pipeline.Ledger;
using DriveSync.Pipeline.Ports;
using DriveSync.Pipeline.State;
using DriveSync.Pipeline.Work;
using Microsoft.Extensions.Logging;

namespace DriveSync.Pipeline.Runs;

/// <summary>
/// Advances a run by one step per Step message: renew the source lease, dispatch written batches, list
/// the next page into batches, or finish the run. A step that changes the run saves the checkpoint (bumping
/// its step sequence) and sends the next Step; a step with nothing to do sends itself again after
/// <c>CoordinatorInterval</c>. A Step whose sequence is stale is dropped, so re-delivered and duplicate
/// steps are harmless.
/// </summary>
public sealed class RunCoordinator(
    IBlobStore blobs,
    IWorkQueue queue,
    IDriveSource source,
    IFileSanitizer sanitizer,
    CheckpointStore checkpoints,
    LedgerStore ledgers,
    ChangeScanner changes,
    ChangeStateStore changeStates,
    RunFinalizer finalizer,
    PipelineMetrics metrics,
    PipelineOptions options,
    ILogger<RunCoordinator> logger)
{
    public async Task StepAsync(WorkMessage message, long dequeueCount, CancellationToken cancellationToken)
    {
        var checkpoint = await checkpoints.LoadAsync(message.RunId, cancellationToken);
        if (checkpoint is null || checkpoint.IsTerminal || checkpoint.StepSeq != message.Seq)
            return;
        using var scope = logger.BeginScope(new Dictionary<string, object> { ["RunId"] = message.RunId });

        var leased = await blobs.AcquireLeaseAsync(options.StateContainer, StatePaths.Lease(checkpoint.SourceId),
            StatePaths.LeaseId(checkpoint.RunId), options.SourceLeaseDuration, cancellationToken);
        if (!leased)
        {
            await finalizer.FinalizeAsync(checkpoint.RunId, RuntimeStatus.Failed, "The source is leased by another run.", cancellationToken);
            return;
        }
        checkpoint = await checkpoints.LoadAsync(message.RunId, cancellationToken);
        if (checkpoint is null || checkpoint.IsTerminal || checkpoint.StepSeq != message.Seq)
        {
            // Finished meanwhile by a duplicate step: do not keep the lease this step just renewed.
            if (checkpoint is { IsTerminal: true })
                await blobs.ReleaseLeaseAsync(options.StateContainer, StatePaths.Lease(checkpoint.SourceId), StatePaths.LeaseId(checkpoint.RunId), cancellationToken);
            return;
        }
        if (checkpoint.TerminateReason is { } terminateReason)
        {
            await finalizer.FinalizeAsync(checkpoint.RunId, RuntimeStatus.Terminated, terminateReason, cancellationToken);
            return;
        }
        if (checkpoint.StopReason is { } stopReason)
        {
            await finalizer.FinalizeAsync(checkpoint.RunId, RuntimeStatus.Failed, stopReason, cancellationToken);
            return;
        }

        var undispatched = checkpoint.Pending.Where(b => !b.Dispatched).Select(b => b.Number).ToHashSet();
        if (undispatched.Count > 0)
            await DispatchAsync(checkpoint.RunId, message.Seq, undispatched, cancellationToken);
        else if (!checkpoint.ListingDone && checkpoint.Pending.Count < options.MaxPendingBatches)
            await ListNextPageAsync(checkpoint, message.Seq, dequeueCount, cancellationToken);
        else if (checkpoint.ListingDone && checkpoint.Pending.Count == 0)
            await finalizer.FinalizeAsync(checkpoint.RunId, RuntimeStatus.Completed, null, cancellationToken);
        else
            await queue.SendAsync(message.ToText(), options.CoordinatorInterval, cancellationToken);
    }

    private async Task DispatchAsync(string runId, long seq, HashSet<int> numbers, CancellationToken cancellationToken)
    {
        foreach (var number in numbers.Order())
            await queue.SendAsync(WorkMessage.ForBatch(runId, number).ToText(), TimeSpan.Zero, cancellationToken);
        var saved = await checkpoints.UpdateAsync(runId, c =>
        {
            if (c.StepSeq != seq)
                return false;
            c.Pending = c.Pending.Select(b => numbers.Contains(b.Number) ? b with { Dispatched = true } : b).ToList();
            c.StepSeq++;
            return true;
        }, cancellationToken);
        if (saved is not null)
            await queue.SendAsync(WorkMessage.Step(runId, saved.StepSeq).ToText(), TimeSpan.Zero, cancellationToken);
    }

    private async Task ListNextPageAsync(RunCheckpoint checkpoint, long seq, long dequeueCount, CancellationToken cancellationToken)
    {
        var runId = checkpoint.RunId;
        var ledger = await ledgers.ForRunAsync(runId, checkpoint.SourceId, cancellationToken);
        var first = checkpoint.PagesListed == 0 && checkpoint.Cursor is null;
        var tracked = first && options.UseChanges && checkpoint.Limit is null;
        SourcePage page;
        ChangesStart? changesStart = null;
        ChangeScan? scan = null;
        try
        {
            if (tracked && (scan = await changes.ScanAsync(runId, checkpoint.SourceId, cancellationToken)) is not null)
            {
                page = new SourcePage(scan.Files, null);
            }
            else
            {
                if (tracked)
                    changesStart = await source.StartChangesAsync(cancellationToken);
                page = await source.ListPageAsync(checkpoint.Cursor, cancellationToken);
            }
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            var kind = source.Classify(exception);
            if (kind == FailureKind.Retry && dequeueCount < options.MaxBatchAttempts)
                throw;
            await finalizer.FinalizeAsync(runId, RuntimeStatus.Failed,
                $"Listing failed ({kind}, {exception.GetType().Name}) after {dequeueCount} attempt(s).", cancellationToken);
            return;
        }

        IReadOnlyList<SourceFile> files = page.Files;
        var last = page.NextCursor is null;
        if (checkpoint.Limit is { } limit && checkpoint.Listed + files.Count >= limit)
        {
            files = files.Take((int)Math.Max(0, limit - checkpoint.Listed)).ToList();
            last = true;
        }

        var todo = new List<BatchFile>();
        var unchanged = new List<BatchFile>();
        foreach (var file in files)
        {
            var batchFile = BatchFile.From(file, OutputNaming.StoredName(sanitizer.SanitizeName(file.Name), file.ExportMimeType));
            (ledger.Contains(file.Id, file.VersionKey) ? unchanged : todo).Add(batchFile);
        }

        var tracksChanges = changesStart is not null || checkpoint is { ChangesToken: not null, Incremental: false };
        if (tracksChanges && page.Watched is { Count: > 0 } watched)
            await changeStates.WriteRunWatchedAsync(runId, checkpoint.PagesListed, watched, cancellationToken);

        var number = checkpoint.NextBatch;
        var pending = new List<PendingBatch>();
        foreach (var batch in BatchPlanner.Plan(todo, options.BatchSize, options.BatchByteCap))
        {
            await WriteJsonAsync(StatePaths.Batch(runId, number), new BatchManifest(runId, number, batch), cancellationToken);
            pending.Add(new PendingBatch(number, batch.Count, Dispatched: false));
            number++;
        }
        BatchResult? skipped = null;
        if (unchanged.Count > 0)
        {
            skipped = new BatchResult(number, unchanged.Select(f => FileResult.Without(f, FileOutcome.Skipped, "Unchanged since an earlier run.")).ToList());
            await WriteJsonAsync(StatePaths.Result(runId, number), skipped, cancellationToken);
            number++;
        }

        var cursor = checkpoint.Cursor;
        var saved = await checkpoints.UpdateAsync(runId, c =>
        {
            if (c.StepSeq != seq || c.Cursor != cursor || c.ListingDone)
                return false;
            c.Cursor = last ? null : page.NextCursor;
            c.ListingDone = last;
            c.PagesListed++;
            if (scan is not null)
                (c.Incremental, c.ChangesToken, c.RootFolderId) = (true, scan.Next.Token, scan.Next.RootFolderId);
            else if (changesStart is not null)
                (c.ChangesToken, c.RootFolderId) = (changesStart.Token, changesStart.RootFolderId);
            c.Listed += files.Count;
            c.NextBatch = number;
            c.Pending.AddRange(pending);
            if (skipped is not null)
                c.Add(skipped);
            c.Status = RuntimeStatus.Running;
            c.Phase = last ? RunPhases.Draining : RunPhases.Listing;
            c.StepSeq++;
            return true;
        }, cancellationToken);
        if (saved is null)
            return;
        if (skipped is not null)
            metrics.Record(skipped);
        logger.LogInformation("Run {RunId} listed page {Page}: {Files} files, {Batches} batches, {Unchanged} unchanged",
            runId, saved.PagesListed, files.Count, pending.Count, unchanged.Count);
        await queue.SendAsync(WorkMessage.Step(runId, saved.StepSeq).ToText(), TimeSpan.Zero, cancellationToken);
    }

    private async Task WriteJsonAsync<T>(string name, T value, CancellationToken cancellationToken)
    {
        using var content = new MemoryStream(StateJson.Serialize(value));
        await blobs.WriteAsync(options.StateContainer, name, content, BlobWriteOptions.Json(), cancellationToken);
    }
}
