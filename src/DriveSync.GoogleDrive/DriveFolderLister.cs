using DriveSync.GoogleDrive.Api;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace DriveSync.GoogleDrive;

/// <summary>
/// Lists a folder tree breadth-first, one files.list page per call, so that the listing can be checkpointed after
/// every page (<see cref="ListingCursor"/>) and resumed in another process.
/// </summary>
public sealed class DriveFolderLister
{
    private readonly DriveClient _client;
    private readonly DriveOptions _options;
    private readonly ILogger _logger;

    /// <summary>Creates the lister.</summary>
    public DriveFolderLister(DriveClient client, DriveOptions options, ILogger<DriveFolderLister>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(options);
        _client = client;
        _options = options;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    /// <summary>A cursor at the first page of <see cref="DriveOptions.FolderId"/>.</summary>
    public ListingCursor Start() =>
        ListingCursor.Start(_options.FolderId ?? throw new InvalidOperationException("DriveSync:Drive:FolderId is not set."));

    /// <summary>
    /// Fetches the next page of the listing (exactly one files.list call, plus one files.get per resolved shortcut).
    /// Subfolders found are queued in the returned cursor; files are returned. A complete cursor gives an empty page.
    /// </summary>
    public async Task<ListingPage> NextPageAsync(ListingCursor cursor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(cursor);
        if (cursor.Current is not { } folder)
            return new ListingPage([], cursor, 0);

        var list = await _client.ListChildrenAsync(folder.Id, cursor.PageToken, cancellationToken);
        var files = new List<DriveFile>();
        var pending = cursor.Pending;
        var skipped = 0;
        foreach (var item in list.Files ?? [])
        {
            if (item.Id is null)
                continue;
            switch (item.MimeType)
            {
                case GoogleMimeTypes.Folder:
                    pending = pending.Add(new PendingFolder(item.Id, ChildPath(folder.Path, item.Name)));
                    break;
                case GoogleMimeTypes.Shortcut:
                    if (await ResolveShortcutAsync(item, folder, cancellationToken) is { } target)
                        files.Add(target);
                    else
                        skipped++;
                    break;
                default:
                    var file = _client.ToDriveFile(item, folder.Id, folder.Path);
                    if (GoogleMimeTypes.IsGoogleApps(file.MimeType) && !file.IsGoogleNative)
                        skipped++;
                    else
                        files.Add(file);
                    break;
            }
        }

        var next = list.NextPageToken is { Length: > 0 } token
            ? cursor with { PageToken = token, Pending = pending }
            : pending.IsEmpty
                ? cursor with { Current = null, PageToken = null, Pending = pending }
                : cursor with { Current = pending[0], PageToken = null, Pending = pending.RemoveAt(0) };
        next = next with { PagesFetched = cursor.PagesFetched + 1 };
        _logger.LogDebug(
            "Drive listing page {Page}: {Files} files, {Skipped} skipped, {PendingFolders} folders queued",
            next.PagesFetched, files.Count, skipped, next.Pending.Count);
        return new ListingPage(files, next, skipped);
    }

    private async Task<DriveFile?> ResolveShortcutAsync(FileResource shortcut, PendingFolder folder, CancellationToken cancellationToken)
    {
        var targetId = shortcut.ShortcutDetails?.TargetId;
        if (_options.ShortcutHandling == ShortcutHandling.Skip || targetId is null || shortcut.ShortcutDetails?.TargetMimeType == GoogleMimeTypes.Folder)
            return null;
        try
        {
            var target = await _client.GetFileAsync(targetId, cancellationToken);
            if (target.MimeType == GoogleMimeTypes.Folder || (GoogleMimeTypes.IsGoogleApps(target.MimeType) && !target.IsGoogleNative))
                return null;
            return target with { ParentId = folder.Id, FolderPath = folder.Path, ShortcutId = shortcut.Id };
        }
        catch (DriveApiException e) when (DriveFailureClassifier.Classify(e) == DriveFailureAction.SkipFile)
        {
            _logger.LogInformation("Drive shortcut {ShortcutId} skipped: its target cannot be read (HTTP {Status})", shortcut.Id, (int)e.StatusCode);
            return null;
        }
    }

    private static string ChildPath(string parentPath, string? name)
    {
        var segment = string.IsNullOrWhiteSpace(name) ? "_" : name.Replace('/', '_');
        return parentPath.Length == 0 ? segment : parentPath + "/" + segment;
    }
}
