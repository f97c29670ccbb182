using System.Text.Json;
using DriveSync.Pipeline.Ports;
using DriveSync.Pipeline.State;

namespace DriveSync.Pipeline.Ledger;

/// <summary>
/// Stores a source's <see cref="ChangeState"/>, and the ids a full listing finds to watch page by page
/// (<c>runs/{run}/watched/{page}.json</c>: folder and shortcut target ids) until the run completes and they become the
/// source's watched set.
/// </summary>
public sealed class ChangeStateStore(IBlobStore blobs, PipelineOptions options)
{
    public async Task<ChangeState?> LoadAsync(string sourceId, CancellationToken cancellationToken)
    {
        var blob = await blobs.ReadAsync(options.StateContainer, StatePaths.Changes(sourceId), cancellationToken);
        return blob is null ? null : ChangeState.FromDocument(StateJson.Deserialize<ChangeState.Document>(blob.Content));
    }

    public async Task SaveAsync(string sourceId, ChangeState state, CancellationToken cancellationToken)
    {
        using var content = new MemoryStream(StateJson.Serialize(state.ToDocument()));
        await blobs.WriteAsync(options.StateContainer, StatePaths.Changes(sourceId), content, BlobWriteOptions.Json(), cancellationToken);
    }

    /// <summary>Forgets the source's change state: its next run lists everything.</summary>
    public Task DeleteAsync(string sourceId, CancellationToken cancellationToken) =>
        blobs.DeleteAsync(options.StateContainer, StatePaths.Changes(sourceId), cancellationToken);

    /// <summary>Saves where this run's changes tracking started (<c>runs/{run}/changes.json</c>), for its finalization.</summary>
    public async Task SaveRunAsync(string runId, RunChangeStart start, CancellationToken cancellationToken)
    {
        using var content = new MemoryStream(StateJson.Serialize(start));
        await blobs.WriteAsync(options.StateContainer, StatePaths.RunChanges(runId), content, BlobWriteOptions.Json(), cancellationToken);
    }

    /// <summary>Where this run's changes tracking started, or null when the run does not track changes.</summary>
    public async Task<RunChangeStart?> LoadRunAsync(string runId, CancellationToken cancellationToken)
    {
        var blob = await blobs.ReadAsync(options.StateContainer, StatePaths.RunChanges(runId), cancellationToken);
        return blob is null ? null : StateJson.Deserialize<RunChangeStart>(blob.Content);
    }

    /// <summary>Records the ids one listing page found to watch (written before the page's checkpoint, like its batches).</summary>
    public async Task WriteRunWatchedAsync(string runId, int page, IReadOnlyList<string> ids, CancellationToken cancellationToken)
    {
        using var content = new MemoryStream(JsonSerializer.SerializeToUtf8Bytes(ids, StateJson.Options));
        await blobs.WriteAsync(options.StateContainer, StatePaths.RunWatched(runId, page), content, BlobWriteOptions.Json(), cancellationToken);
    }

    /// <summary>The hashes of every id the run's listing found to watch.</summary>
    public async Task<HashSet<ulong>> ReadRunWatchedAsync(string runId, CancellationToken cancellationToken)
    {
        var watched = new HashSet<ulong>();
        string? marker = null;
        do
        {
            var page = await blobs.ListAsync(options.StateContainer, StatePaths.RunWatchedPrefix(runId), marker, 1000, cancellationToken);
            foreach (var name in page.Names)
            {
                if (await blobs.ReadAsync(options.StateContainer, name, cancellationToken) is { } blob)
                    watched.UnionWith(StateJson.Deserialize<List<string>>(blob.Content).Select(ChangeState.Hash));
            }
            marker = page.NextMarker;
        }
        while (marker is not null);
        return watched;
    }
}

/// <summary>
/// Where a run's change tracking started: the token to save for the next run when this one completes, the source
/// folder's own id, and whether the run took its files from the changes list (incremental) instead of the full listing.
/// </summary>
public sealed record RunChangeStart(bool Incremental, string Token, string RootFolderId);
