using DriveSync.Pipeline.Ledger;
using DriveSync.Pipeline.Ports;
using Microsoft.Extensions.Logging;

namespace DriveSync.Pipeline.Runs;

/// <summary>
/// The listing of an incremental run: instead of listing the whole tree, pages through the source's changes since the
/// token the last completed run saved, and keeps the changed files whose parent is a known folder of the tree (or that
/// are the target of a shortcut in it). Returns null (list everything instead) when there is no saved state, the token
/// is no longer accepted, the tree's shape changed (a folder appeared in it or left it, a shortcut in it changed), or
/// more than <see cref="MaxChangedFiles"/> files changed.
/// </summary>
public sealed class ChangeScanner(IDriveSource source, ChangeStateStore states, ILogger<ChangeScanner> logger)
{
    /// <summary>Above this many changed files a full listing is as cheap and keeps the step small.</summary>
    public const int MaxChangedFiles = 50_000;

    /// <summary>The changed files (each once, latest version) and the token to save after the run, or null.</summary>
    public async Task<ChangeScan?> ScanAsync(string runId, string sourceId, CancellationToken cancellationToken)
    {
        if (await states.LoadAsync(sourceId, cancellationToken) is not { } state)
            return null;
        var files = new Dictionary<string, SourceFile>(StringComparer.Ordinal);
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
                    case SourceChangeKind.Shortcut when state.Watches(change.ParentId):
                        return FullListing(runId, "a shortcut in the tree changed");
                    case SourceChangeKind.File when change.File is { } file && (state.Watches(change.ParentId) || state.Watches(file.Id)):
                        files[file.Id] = file;
                        break;
                }
            }
            if (files.Count > MaxChangedFiles)
                return FullListing(runId, "too many files changed");
            if (page.NewStartToken is { } newToken)
            {
                logger.LogInformation("Run {RunId} takes {Files} changed files from {Pages} change pages", runId, files.Count, pages);
                return new ChangeScan([.. files.Values], state.WithToken(newToken));
            }
            if (page.NextToken is not { } next)
                return FullListing(runId, "the changes list ended without a new token");
            token = next;
        }
    }

    private ChangeScan? FullListing(string runId, string why)
    {
        logger.LogInformation("Run {RunId} lists the whole tree: {Reason}", runId, why);
        return null;
    }
}

/// <summary>The files an incremental run processes, and the change state to save when it completes.</summary>
public sealed record ChangeScan(IReadOnlyList<SourceFile> Files, ChangeState Next);
