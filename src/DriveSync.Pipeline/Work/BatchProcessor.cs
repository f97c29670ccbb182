using DriveSync.Pipeline.Ports;
using DriveSync.Pipeline.State;
using Microsoft.Extensions.Logging;

namespace DriveSync.Pipeline.Work;

/// <summary>
/// Handles one Batch message: processes the batch's files, writes the batch result once
/// (If-None-Match: *; a second writer adopts the first result) and folds it into the checkpoint.
/// A batch already folded in, or whose result exists, is not processed again.
/// </summary>
public sealed class BatchProcessor(
    IBlobStore blobs,
    CheckpointStore checkpoints,
    FileProcessor files,
    Runs.PipelineMetrics metrics,
    Runs.IRunEvents events,
    PipelineOptions options,
    ILogger<BatchProcessor> logger)
{
    public async Task HandleAsync(WorkMessage message, long dequeueCount, CancellationToken cancellationToken)
    {
        var runId = message.RunId;
        using var scope = logger.BeginScope(new Dictionary<string, object> { ["RunId"] = runId });
        var checkpoint = await checkpoints.LoadAsync(runId, cancellationToken);
        if (checkpoint is null || checkpoint.IsTerminal || checkpoint.Pending.All(b => b.Number != message.Batch))
            return;

        var resultName = StatePaths.Result(runId, message.Batch);
        var existing = await blobs.ReadAsync(options.StateContainer, resultName, cancellationToken);
        if (existing is not null)
        {
            await FoldInAsync(runId, StateJson.Deserialize<BatchResult>(existing.Content), null, cancellationToken);
            return;
        }

        var manifestBlob = await blobs.ReadAsync(options.StateContainer, StatePaths.Batch(runId, message.Batch), cancellationToken)
            ?? throw new InvalidDataException($"Batch {message.Batch} of run {runId} has no manifest.");
        var manifest = StateJson.Deserialize<BatchManifest>(manifestBlob.Content);

        string? stopReason = null;
        BatchResult result;
        if (checkpoint.TerminateReason is not null || checkpoint.StopReason is not null)
            result = AllFailed(manifest, "The run was stopped before the batch ran.");
        else if (dequeueCount > options.MaxBatchAttempts)
            result = AllFailed(manifest, $"The batch failed {options.MaxBatchAttempts} times.");
        else
            (result, stopReason) = await ProcessAsync(manifest, dequeueCount, cancellationToken);

        using (var content = new MemoryStream(StateJson.Serialize(result)))
        {
            if (await blobs.WriteAsync(options.StateContainer, resultName, content, BlobWriteOptions.Json(WriteCondition.IfAbsent), cancellationToken) is null)
            {
                var winner = await blobs.ReadAsync(options.StateContainer, resultName, cancellationToken)
                    ?? throw new InvalidDataException($"Batch {message.Batch} of run {runId} lost its result.");
                result = StateJson.Deserialize<BatchResult>(winner.Content);
            }
        }
        await FoldInAsync(runId, result, stopReason, cancellationToken);
        logger.LogInformation("Run {RunId} batch {Batch} done on delivery {DequeueCount}: {Files} files", runId, message.Batch, dequeueCount, result.Files.Count);
    }

    private async Task<(BatchResult Result, string? StopReason)> ProcessAsync(BatchManifest manifest, long dequeueCount, CancellationToken cancellationToken)
    {
        var results = new FileResult[manifest.Files.Count];
        string? stopReason = null;
        var lastAttempt = dequeueCount >= options.MaxBatchAttempts;
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.FileConcurrency, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(Enumerable.Range(0, manifest.Files.Count), parallel, async (index, ct) =>
        {
            var file = manifest.Files[index];
            try
            {
                results[index] = await files.ProcessAsync(file, mayExist: dequeueCount > 1, ct);
            }
            catch (FileStageException exception) when (exception.Kind == FailureKind.StopRun || lastAttempt)
            {
                if (exception.Kind == FailureKind.StopRun)
                    Interlocked.CompareExchange(ref stopReason, exception.Message, null);
                results[index] = FileResult.Without(file, FileOutcome.Failed, exception.Message);
            }
        });
        return (new BatchResult(manifest.Number, results), stopReason);
    }

    private async Task FoldInAsync(string runId, BatchResult result, string? stopReason, CancellationToken cancellationToken)
    {
        var saved = await checkpoints.UpdateAsync(runId, c =>
        {
            if (c.Pending.RemoveAll(b => b.Number == result.Number) == 0)
                return false;
            c.Add(result);
            c.StopReason ??= stopReason;
            return true;
        }, cancellationToken);
        if (saved is null)
            return;
        metrics.Record(result);
        foreach (var file in result.Files.Where(f => f.Outcome == FileOutcome.Quarantined))
            events.FileQuarantined(runId, file.Id, file.Reason ?? "");
    }

    private static BatchResult AllFailed(BatchManifest manifest, string reason) =>
        new(manifest.Number, manifest.Files.Select(f => FileResult.Without(f, FileOutcome.Failed, reason)).ToList());
}
