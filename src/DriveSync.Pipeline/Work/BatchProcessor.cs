using DriveSync.Pipeline.Orchestration;
using DriveSync.Pipeline.Ports;
using DriveSync.Pipeline.Runs;
using DriveSync.Pipeline.State;
using Microsoft.Extensions.Logging;

namespace DriveSync.Pipeline.Work;

/// <summary>
/// The work of the ProcessBatch activity: processes the batch's files (<c>FileConcurrency</c> at a time) and writes the
/// batch result once (If-None-Match: *; a second writer adopts the first result). A batch whose result exists is not
/// processed again, so a repeated activity returns the same outcome. A file failure classified Retry aborts the batch
/// (<see cref="TransientDependencyException"/>: the orchestrator retries it); StopRun records the file Failed and reports
/// the reason so that the orchestrator ends the run. A file that replaces outputs (reprocessed, or a changed file with
/// <c>DeleteRemoved</c>) has them deleted only after its new output exists; each deletion is a Removed result after the
/// batch's files. A removal the store refuses for this file (SkipFile) leaves the file Failed, so the next run tries again.
/// </summary>
public sealed class BatchProcessor(
    IBlobStore blobs,
    FileProcessor files,
    OutputRemover remover,
    PipelineMetrics metrics,
    IRunEvents events,
    PipelineOptions options,
    ILogger<BatchProcessor> logger)
{
    public Task<BatchOutcome> ProcessAsync(ProcessBatchInput input, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(input);
        return RunTracing.InSpanAsync(RunTracing.Batch, input.RunId, input.TraceParent, async span =>
        {
            span?.SetTag("drivesync.batch", input.Batch.Number);
            var outcome = await ProcessBatchAsync(input, ct);
            span?.SetTag("drivesync.uploaded", outcome.Uploaded);
            span?.SetTag("drivesync.quarantined", outcome.Quarantined);
            span?.SetTag("drivesync.failed", outcome.Failed);
            return outcome;
        });
    }

    private async Task<BatchOutcome> ProcessBatchAsync(ProcessBatchInput input, CancellationToken ct)
    {
        var runId = input.RunId;
        var number = input.Batch.Number;
        var resultName = StatePaths.Result(runId, number);
        if (await Guard.StorageAsync("result read", blobs, () => blobs.ReadAsync(options.StateContainer, resultName, ct)) is { } existing)
            return Outcome(resultName, StateJson.Deserialize<BatchResult>(existing.Content), null, null);

        var manifestBlob = await Guard.StorageAsync("manifest read", blobs, () => blobs.ReadAsync(options.StateContainer, input.Batch.ManifestRef, ct))
            ?? throw new StorageStopException($"The manifest of batch {number} is missing.");
        var manifest = StateJson.Deserialize<BatchManifest>(manifestBlob.Content);

        var (result, stopReason, stopHint) = input.FailReason is { } reason
            ? (AllFailed(manifest, reason), null, null)
            : await ProcessFilesAsync(manifest, ct);
        var (saved, won) = await Guard.StorageAsync("result write", blobs, () => WriteOnceAsync(resultName, result, ct));
        if (won)
        {
            metrics.Record(saved);
            foreach (var file in saved.Files.Where(f => f.Outcome == FileOutcome.Quarantined))
                events.FileQuarantined(runId, file.Id, file.Reason ?? "");
        }
        logger.LogInformation("Run {RunId} batch {Batch} done: {Files} files", runId, number, saved.Files.Count);
        return Outcome(resultName, saved, stopReason, stopHint);
    }

    /// <summary>Writes a batch's result if it has none; the result that is stored, and whether this call stored it.</summary>
    public async Task<(BatchResult Result, bool Won)> WriteOnceAsync(string resultName, BatchResult result, CancellationToken ct)
    {
        using (var content = new MemoryStream(StateJson.Serialize(result)))
        {
            if (await blobs.WriteAsync(options.StateContainer, resultName, content, BlobWriteOptions.Json(WriteCondition.IfAbsent), ct) is not null)
                return (result, true);
        }
        var winner = await blobs.ReadAsync(options.StateContainer, resultName, ct)
            ?? throw new InvalidDataException($"Batch result {StatePaths.NumberOf(resultName)} vanished after a conflicting write.");
        return (StateJson.Deserialize<BatchResult>(winner.Content), false);
    }

    /// <summary>Every file of the batch Failed with the reason.</summary>
    public static BatchResult AllFailed(BatchManifest manifest, string reason)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        return new(manifest.Number, manifest.Files.Select(f => FileResult.Without(f, FileOutcome.Failed, reason)).ToList());
    }

    private async Task<(BatchResult Result, string? StopReason, string? StopHint)> ProcessFilesAsync(BatchManifest manifest, CancellationToken ct)
    {
        var results = new FileResult[manifest.Files.Count];
        var removed = new List<FileResult>[manifest.Files.Count];
        FileStageException? stop = null;
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.FileConcurrency, CancellationToken = ct };
        try
        {
            await Parallel.ForEachAsync(Enumerable.Range(0, manifest.Files.Count), parallel, async (index, token) =>
            {
                var file = manifest.Files[index];
                using var span = RunTracing.StartNested(RunTracing.File);
                span?.SetTag("drivesync.file_id", file.Id);
                try
                {
                    results[index] = await files.ProcessAsync(file, mayExist: false, token);
                    removed[index] = [];
                    if (results[index] is { Outcome: FileOutcome.Uploaded, Output: { } output } && (file.Reprocess || file.ReplacesVersions))
                        (results[index], removed[index]) = await RemoveSupersededAsync(file, results[index], output, token);
                }
                catch (FileStageException exception) when (exception.Kind == FailureKind.StopRun)
                {
                    Interlocked.CompareExchange(ref stop, exception, null);
                    results[index] = FileResult.Without(file, FileOutcome.Failed, exception.Message);
                    removed[index] = [];
                }
                catch (Exception exception)
                {
                    RunTracing.Fail(span, exception);
                    throw;
                }
                span?.SetTag("drivesync.outcome", results[index].Outcome.ToString().ToLowerInvariant());
            });
        }
        catch (FileStageException exception)
        {
            throw new TransientDependencyException(exception.Message);
        }
        var hint = stop is null ? null : stop.IsStorage ? FailureHints.Storage : FailureHints.Drive;
        return (new BatchResult(manifest.Number, [.. results, .. removed.SelectMany(r => r)]), stop?.Message, hint);
    }

    /// <summary>Deletes the outputs the file's new one supersedes; a removal the store refuses for this file fails the file (SkipFile).</summary>
    private async Task<(FileResult Result, List<FileResult> Removed)> RemoveSupersededAsync(BatchFile file, FileResult uploaded, string output, CancellationToken ct)
    {
        try
        {
            return (uploaded, [.. await remover.RemoveSupersededAsync(file, output, ct)]);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            var kind = blobs.Classify(exception);
            if (kind != FailureKind.SkipFile)
                throw new FileStageException(OutputRemover.Stage, kind, exception);
            return (FileResult.Without(file, FileOutcome.Failed, $"The removal of a superseded output failed ({exception.GetType().Name})."), []);
        }
    }

    private static BatchOutcome Outcome(string resultName, BatchResult result, string? stopReason, string? stopHint)
    {
        var pii = new Dictionary<string, long>(StringComparer.Ordinal);
        int uploaded = 0, skipped = 0, quarantined = 0, failed = 0, reprocessed = 0, removed = 0;
        long read = 0, written = 0;
        foreach (var file in result.Files)
        {
            switch (file.Outcome)
            {
                case FileOutcome.Uploaded: uploaded++; break;
                case FileOutcome.Skipped: skipped++; break;
                case FileOutcome.Quarantined: quarantined++; break;
                case FileOutcome.Removed: removed++; break;
                default: failed++; break;
            }
            if (file.Reprocessed && file.Outcome == FileOutcome.Uploaded)
                reprocessed++;
            read += file.BytesRead;
            written += file.BytesWritten;
            foreach (var (type, count) in file.Pii)
                pii[type] = pii.GetValueOrDefault(type) + count;
        }
        return new BatchOutcome(result.Number, resultName, uploaded, skipped, quarantined, failed, read, written, pii, stopReason, stopHint,
            reprocessed, removed);
    }
}
