using System.Collections.Immutable;
using DriveSync.GoogleDrive.Api;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace DriveSync.GoogleDrive;

/// <summary>
/// Lists a folder tree breadth-first, the children of a group of folders per files.list call
/// (<see cref="DriveOptions.ListGroupSize"/>, <see cref="DriveOptions.MaxQueryLength"/>), one page per step, so that the
/// listing can be checkpointed after every page (<see cref="ListingCursor"/>, ids and tokens only) and resumed in
/// another process. Every file is returned once per listing: a shortcut to a file inside the tree is left to the
/// file's own folder, a target outside the tree is remembered in the cursor, a file with several parents is returned
/// under the first of them (by id) inside the tree.
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
    /// Fetches the next page of the listing: one files.list call for the current group of folders (more when Drive refuses
    /// the group's query as too complex: it is split in half and retried), plus files.get calls for shortcuts and for
    /// files with several parents. Subfolders found are queued in the returned cursor; files are returned. A complete
    /// cursor gives an empty page.
    /// </summary>
    public async Task<ListingPage> NextPageAsync(ListingCursor cursor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(cursor);
        cursor = cursor.WithCurrentGroup(_options.ListGroupSize, _options.MaxQueryLength);
        if (cursor.IsComplete)
            return new ListingPage([], cursor, 0);

        var (list, current) = await ListCurrentGroupAsync(cursor, cancellationToken);
        var group = current.Groups[0];
        var page = new PageBuilder(current, new TreeMembership(_client, current), _options.MaxRememberedShortcutTargets);
        var inGroup = group.FolderIds.ToHashSet(StringComparer.Ordinal);
        foreach (var item in list.Files ?? [])
        {
            if (item.Id is null)
                continue;
            if (await ParentInGroupAsync(item, group, inGroup, page.Membership, cancellationToken) is not { } parentId)
            {
                page.Duplicates++;
                continue;
            }

            switch (item.MimeType)
            {
                case GoogleMimeTypes.Folder:
                    page.Folders.Add(item.Id);
                    break;
                case GoogleMimeTypes.Shortcut:
                    await AddShortcutTargetAsync(item, parentId, page, cancellationToken);
                    break;
                default:
                    var file = _client.ToDriveFile(item, parentId);
                    if (GoogleMimeTypes.IsGoogleApps(file.MimeType) && !file.IsGoogleNative)
                        page.Skipped++;
                    else
                        page.Files.Add(file);
                    break;
            }
        }

        var next = Advance(current, list, page);
        _logger.LogDebug(
            "Drive listing page {Page}: {Folders} folders listed together, {Files} files, {Skipped} skipped, {Duplicates} duplicates, {QueuedFolders} folders queued",
            next.PagesFetched, group.FolderIds.Count, page.Files.Count, page.Skipped, page.Duplicates, next.Queue.Count);
        return new ListingPage(page.Files, next, page.Skipped) { FoldersFound = page.Folders, Duplicates = page.Duplicates };
    }

    // One files.list of the current group; a group Drive refuses is split in half (and later groups capped) until it is
    // accepted or is a single folder, whose refusal is the caller's failure. Only a first page is split: halves start over.
    private async Task<(FileList List, ListingCursor Cursor)> ListCurrentGroupAsync(ListingCursor cursor, CancellationToken cancellationToken)
    {
        while (true)
        {
            var group = cursor.Groups[0];
            try
            {
                return (await _client.ListChildrenAsync(group.FolderIds, group.PageToken, cancellationToken), cursor);
            }
            catch (DriveApiException e) when (group.FolderIds.Count > 1 && group.PageToken is null && DriveFailureClassifier.IsQueryRefused(e))
            {
                _logger.LogInformation(
                    "Drive refused the listing query of {Folders} folders (HTTP {Status}); splitting it in half", group.FolderIds.Count, (int)e.StatusCode);
                cursor = cursor.SplitCurrentGroup();
            }
        }
    }

    private ListingCursor Advance(ListingCursor cursor, FileList list, PageBuilder page)
    {
        var group = cursor.Groups[0];
        var groups = list.NextPageToken is { Length: > 0 } token
            ? cursor.Groups.SetItem(0, group with { PageToken = token })
            : cursor.Groups.RemoveAt(0);
        var next = cursor with
        {
            Groups = groups,
            Queue = cursor.Queue.AddRange(page.Folders),
            ShortcutTargets = page.Targets,
            PagesFetched = cursor.PagesFetched + 1,
        };

        // Drive has answered an "or" of folders shared with the caller with an empty list: ask each folder on its own.
        var empty = group.PageToken is null && list.NextPageToken is not { Length: > 0 } && (list.Files?.Count ?? 0) == 0;
        if (empty && group.FolderIds.Count > 1 && _options.RelistEmptyGroups)
            return next with { Groups = next.Groups.InsertRange(0, group.FolderIds.Select(id => new FolderGroup([id]))) };
        return next;
    }

    // The folder of the group the item is listed under; null when it belongs under another folder of the tree (a file
    // with several parents is listed under the first of them, by id, that is inside the tree).
    private static async Task<string?> ParentInGroupAsync(
        FileResource item, FolderGroup group, HashSet<string> inGroup, TreeMembership membership, CancellationToken cancellationToken)
    {
        var parents = item.Parents ?? [];
        if (parents.Count > 1)
        {
            var ownsRoot = inGroup.Contains(membership.Root);
            foreach (var parent in parents.Order(StringComparer.Ordinal))
            {
                if (inGroup.Contains(parent) || (ownsRoot && await membership.IsRootAsync(parent, cancellationToken)))
                    return parent;
                if (await membership.ContainsAsync(parent, cancellationToken))
                    return null;
            }
        }

        // A single folder's query (the root's, maybe by an alias such as "root") owns every item it returns.
        return parents.FirstOrDefault(inGroup.Contains) ?? (group.FolderIds.Count == 1 ? group.FolderIds[0] : parents.FirstOrDefault());
    }

    private async Task AddShortcutTargetAsync(FileResource shortcut, string folderId, PageBuilder page, CancellationToken cancellationToken)
    {
        var targetId = shortcut.ShortcutDetails?.TargetId;
        if (_options.ShortcutHandling == ShortcutHandling.Skip || targetId is null || shortcut.ShortcutDetails?.TargetMimeType == GoogleMimeTypes.Folder)
        {
            page.Skipped++;
            return;
        }

        FileResource target;
        try
        {
            target = await _client.GetResourceAsync(targetId, cancellationToken);
        }
        catch (DriveApiException e) when (DriveFailureClassifier.Classify(e) == DriveFailureAction.SkipFile)
        {
            _logger.LogInformation("Drive shortcut {ShortcutId} skipped: its target cannot be read (HTTP {Status})", shortcut.Id, (int)e.StatusCode);
            page.Skipped++;
            return;
        }

        var file = _client.ToDriveFile(target, folderId) with { ShortcutId = shortcut.Id };
        if (target.Trashed == true || file.MimeType == GoogleMimeTypes.Folder || (GoogleMimeTypes.IsGoogleApps(file.MimeType) && !file.IsGoogleNative))
        {
            page.Skipped++;
            return;
        }

        if (page.Targets.Contains(file.Id) || await InsideTreeAsync(target, page.Membership, cancellationToken))
        {
            page.Duplicates++;
            return;
        }

        page.RememberTarget(file.Id);
        page.Files.Add(file);
    }

    private static async Task<bool> InsideTreeAsync(FileResource target, TreeMembership membership, CancellationToken cancellationToken)
    {
        foreach (var parent in target.Parents ?? [])
        {
            if (await membership.ContainsAsync(parent, cancellationToken))
                return true;
        }

        return false;
    }

    /// <summary>What one page collects.</summary>
    private sealed class PageBuilder(ListingCursor cursor, TreeMembership membership, int maxTargets)
    {
        public TreeMembership Membership { get; } = membership;

        public List<DriveFile> Files { get; } = [];

        public List<string> Folders { get; } = [];

        public ImmutableList<string> Targets { get; private set; } = cursor.ShortcutTargets;

        public int Skipped { get; set; }

        public int Duplicates { get; set; }

        public void RememberTarget(string id)
        {
            if (maxTargets == 0)
                return;
            Targets = Targets.Add(id);
            if (Targets.Count > maxTargets)
                Targets = Targets.RemoveRange(0, Targets.Count - maxTargets);
        }
    }
}
