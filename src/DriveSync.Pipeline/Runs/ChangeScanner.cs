using DriveSync.Pipeline.Ledger;
using DriveSync.Pipeline.Ports;
using Microsoft.Extensions.Logging;

namespace DriveSync.Pipeline.Runs;

/// <summary>
/// The listing of an incremental run: instead of listing the whole tree, pages through the source's changes since the
/// token the last completed run saved, and keeps the changed files whose parent is a known folder of the tree (or that
/// are the target of a shortcut in it). Files the run knows (<c>known</c>: in the ledger) that were deleted, trashed or
/// moved out of the tree are returned as gone. Returns null (list everything instead) when there is no saved state, the
/// token is no longer accepted, the tree's shape changed (a folder appeared in it, left it or was removed, a shortcut in
/// it changed), or more than <see cref="MaxChangedFiles"/> files changed.
/// </summary>
public sealed class ChangeScanner(IDriveSource source, ChangeStateStore states, ILogger<ChangeScanner> logger)
{
    /// <summary>Above this many changed files a full listing is as cheap and keeps the step small.</summary>
    public const int MaxChangedFiles = 50_000;

    /// <summary>The changed files (each once, latest version), the known files gone, and the token to save after the run, or null.</summary>
    public async Task<ChangeScan?> ScanAsync(string runId, string sourceId, Func<string, bool> known, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(known);
        if (await states.LoadAsync(sourceId, cancellationToken) is not { } state)
            return null;
        var files = new Dictionary<string, SourceFile>(StringComparer.Ordinal);
        var gone = new Dictionary<string, GoneReason>(StringComparer.Ordinal);
        var token = state.Token;
        var pages = 0;
        while (true)
        {
            var page = await source.ListChangesAsync(token, cancellationToken);
            pages++;
            if (page is null)
                return FullListing(runId, "the changes token is no longer accepted");
            foreach (var change in page.Changes)
            {
                switch (change.Kind)
                {
                    case SourceChangeKind.Folder when state.Watches(change.Id) != state.Watches(change.ParentId) && change.Id != state.RootFolderId:
                        return FullListing(runId, "a folder was added to or moved out of the tree");
                    case SourceChangeKind.Removed when state.Watches(change.Id):
                        return FullListing(runId, "a folder of the tree was removed");
                    case SourceChangeKind.Shortcut when state.Watches(change.ParentId):
                        return FullListing(runId, "a shortcut in the tree changed");
                    case SourceChangeKind.File when change.File is { } file && (state.Watches(change.ParentId) || state.Watches(file.Id)):
                        files[file.Id] = file;
                        gone.Remove(file.Id);
                        break;
                    case SourceChangeKind.File when known(change.Id):
                        Gone(change.Id, GoneReason.MovedOut);
                        break;
                    case SourceChangeKind.Removed when known(change.Id):
                        Gone(change.Id, GoneReason.Removed);
                        break;
                }
            }
            if (files.Count + gone.Count > MaxChangedFiles)
                return FullListing(runId, "too many files changed");
            if (page.NewStartToken is { } newToken)
            {
                logger.LogInformation("Run {RunId} takes {Files} changed and {Gone} gone files from {Pages} change pages", runId, files.Count, gone.Count, pages);
                return new ChangeScan([.. files.Values], [.. gone.Select(g => new GoneFile(g.Key, g.Value))], state.WithToken(newToken));
            }
            if (page.NextToken is not { } next)
                return FullListing(runId, "the changes list ended without a new token");
            token = next;
        }

        void Gone(string id, GoneReason reason)
        {
            files.Remove(id);
            gone[id] = reason;
        }
    }

    private ChangeScan? FullListing(string runId, string why)
    {
        logger.LogInformation("Run {RunId} lists the whole tree: {Reason}", runId, why);
        return null;
    }
}

/// <summary>The files an incremental run processes, the known files that left the tree, and the change state to save when it completes.</summary>
public sealed record ChangeScan(IReadOnlyList<SourceFile> Files, IReadOnlyList<GoneFile> Gone, ChangeState Next);

/// <summary>A file the ledger knows that left the tree (<c>runs/{run}/gone.json</c>): its id only.</summary>
public sealed record GoneFile(string Id, GoneReason Reason);

/// <summary>Why a file left the tree.</summary>
public enum GoneReason
{
    /// <summary>Deleted or trashed in Drive (or the credentials lost access to it).</summary>
    Removed,

    /// <summary>Moved to a folder outside the tree.</summary>
    MovedOut,

    /// <summary>Not found by a full listing of the tree.</summary>
    NotListed,
}
