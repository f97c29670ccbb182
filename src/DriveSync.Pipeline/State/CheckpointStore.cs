using DriveSync.Pipeline.Ports;

namespace DriveSync.Pipeline.State;

/// <summary>Reads and writes run checkpoints; every update is a read-modify-write with an ETag condition, retried on conflict.</summary>
public sealed class CheckpointStore(IBlobStore blobs, PipelineOptions options, TimeProvider time)
{
    /// <summary>The checkpoint, or null when the run does not exist.</summary>
    public async Task<RunCheckpoint?> LoadAsync(string runId, CancellationToken cancellationToken)
    {
        var blob = await blobs.ReadAsync(options.StateContainer, StatePaths.Checkpoint(runId), cancellationToken);
        return blob is null ? null : StateJson.Deserialize<RunCheckpoint>(blob.Content);
    }

    /// <summary>Writes a new checkpoint; false when the run already exists.</summary>
    public async Task<bool> CreateAsync(RunCheckpoint checkpoint, CancellationToken cancellationToken)
    {
        checkpoint.Writes++;
        using var content = new MemoryStream(StateJson.Serialize(checkpoint));
        var etag = await blobs.WriteAsync(options.StateContainer, StatePaths.Checkpoint(checkpoint.RunId), content,
            BlobWriteOptions.Json(WriteCondition.IfAbsent), cancellationToken);
        return etag is not null;
    }

    /// <summary>
    /// Applies <paramref name="change"/> to the current checkpoint and saves it if the checkpoint did not
    /// change meanwhile, else reloads and applies again. <paramref name="change"/> returns false to leave
    /// the checkpoint as it is. Returns the saved checkpoint, or null when nothing was saved.
    /// </summary>
    public async Task<RunCheckpoint?> UpdateAsync(string runId, Func<RunCheckpoint, bool> change, CancellationToken cancellationToken)
    {
        var name = StatePaths.Checkpoint(runId);
        while (true)
        {
            var blob = await blobs.ReadAsync(options.StateContainer, name, cancellationToken);
            if (blob is null)
                return null;
            var checkpoint = StateJson.Deserialize<RunCheckpoint>(blob.Content);
            if (!change(checkpoint))
                return null;
            checkpoint.Writes++;
            checkpoint.LastUpdatedTime = time.GetUtcNow();
            using var content = new MemoryStream(StateJson.Serialize(checkpoint));
            var etag = await blobs.WriteAsync(options.StateContainer, name, content,
                BlobWriteOptions.Json(WriteCondition.IfMatch, blob.ETag), cancellationToken);
            if (etag is not null)
                return checkpoint;
        }
    }
}
