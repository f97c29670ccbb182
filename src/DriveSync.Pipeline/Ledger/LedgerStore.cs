using System.Collections.Concurrent;
using DriveSync.Pipeline.Ports;
using DriveSync.Pipeline.State;

namespace DriveSync.Pipeline.Ledger;

/// <summary>
/// Loads a source's ledger (<c>sources/{source}/ledger.bin</c>) once per run and process, and merges a
/// finished run's files into it with an ETag-conditional write.
/// </summary>
public sealed class LedgerStore(IBlobStore blobs, PipelineOptions options)
{
    private readonly ConcurrentDictionary<string, Lazy<Task<FileLedger>>> _byRun = new(StringComparer.Ordinal);

    /// <summary>The ledger as it was when the run first asked; later calls for the same run are free.</summary>
    public async Task<FileLedger> ForRunAsync(string runId, string sourceId, CancellationToken cancellationToken)
    {
        var entry = _byRun.GetOrAdd(runId, _ => new Lazy<Task<FileLedger>>(async () => (await LoadAsync(sourceId, CancellationToken.None)).Ledger));
        try
        {
            return await entry.Value.WaitAsync(cancellationToken);
        }
        catch (Exception) when (entry.Value.IsFaulted)
        {
            _byRun.TryRemove(KeyValuePair.Create(runId, entry));
            throw;
        }
    }

    /// <summary>The stored ledger as it is now (not cached).</summary>
    public async Task<FileLedger> LoadCurrentAsync(string sourceId, CancellationToken cancellationToken) =>
        (await LoadAsync(sourceId, cancellationToken)).Ledger;

    /// <summary>Forgets a finished run's cached ledger.</summary>
    public void Forget(string runId) => _byRun.TryRemove(runId, out _);

    /// <summary>
    /// Adds entries to the stored ledger and forgets the files of <paramref name="removed"/> (hashes of ids whose sources
    /// left the tree), retrying when another writer got there first.
    /// </summary>
    public async Task MergeAsync(string sourceId, FileLedger entries, IReadOnlyCollection<ulong> removed, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entries);
        ArgumentNullException.ThrowIfNull(removed);
        while (true)
        {
            var (ledger, etag) = await LoadAsync(sourceId, cancellationToken);
            foreach (var file in removed)
                ledger.Remove(file);
            ledger.SetAll(entries);
            using var content = new MemoryStream(ledger.Serialize());
            var write = etag is null
                ? new BlobWriteOptions(WriteCondition.IfAbsent)
                : new BlobWriteOptions(WriteCondition.IfMatch, etag);
            if (await blobs.WriteAsync(options.StateContainer, StatePaths.Ledger(sourceId), content, write, cancellationToken) is not null)
                return;
        }
    }

    private async Task<(FileLedger Ledger, string? ETag)> LoadAsync(string sourceId, CancellationToken cancellationToken)
    {
        var blob = await blobs.ReadAsync(options.StateContainer, StatePaths.Ledger(sourceId), cancellationToken);
        return blob is null ? (new FileLedger(), null) : (FileLedger.Parse(blob.Content.ToMemory().Span), blob.ETag);
    }
}
