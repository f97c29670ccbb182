namespace DriveSync.GoogleDrive;

/// <summary>
/// Answers "is this folder inside the source tree?" for one listing page by walking its parents up with files.get
/// until it meets a folder known to be inside (the root, or one still in the cursor) or the top of a drive. Verdicts
/// are remembered for the page only, so the listing holds no state that grows with the tree; each walk costs one
/// files.get per unknown ancestor. Only shortcuts and files with several parents need it.
/// </summary>
internal sealed class TreeMembership(DriveClient client, ListingCursor cursor)
{
    // Drive forbids cycles; the bound only guards against a misbehaving server.
    private const int MaxDepth = 100;

    private readonly Dictionary<string, bool> _known = new(StringComparer.Ordinal) { [cursor.Root] = true };
    private HashSet<string>? _inCursor;
    private string? _rootId;

    /// <summary>The source folder's id as configured.</summary>
    public string Root => cursor.Root;

    /// <summary>True when <paramref name="folderId"/> is the source folder, by its configured id or its own.</summary>
    public async Task<bool> IsRootAsync(string folderId, CancellationToken cancellationToken) =>
        folderId == cursor.Root || folderId == await RootIdAsync(cancellationToken);

    /// <summary>True when <paramref name="folderId"/> is the root or one of its descendants and is not trashed.</summary>
    public async Task<bool> ContainsAsync(string folderId, CancellationToken cancellationToken)
    {
        var walked = new List<string>();
        var current = folderId;
        bool verdict;
        while (true)
        {
            if (_known.TryGetValue(current, out verdict))
                break;
            if (InCursor(current))
            {
                verdict = true;
                break;
            }

            if (walked.Count == MaxDepth || await TryGetAsync(current, cancellationToken) is not { } folder || folder.Trashed == true)
            {
                verdict = false;
                walked.Add(current);
                break;
            }

            walked.Add(current);
            if (folder.Parents is not { Count: > 0 } parents)
            {
                verdict = current == await RootIdAsync(cancellationToken);
                break;
            }

            current = parents[0];
        }

        foreach (var id in walked)
            _known[id] = verdict;
        return verdict;
    }

    private bool InCursor(string folderId)
    {
        _inCursor ??= [.. cursor.Queue, .. cursor.Groups.SelectMany(g => g.FolderIds)];
        return _inCursor.Contains(folderId);
    }

    // The root's own id: a configured alias such as "root" is not what its children name as their parent.
    private async Task<string> RootIdAsync(CancellationToken cancellationToken) =>
        _rootId ??= (await client.GetResourceAsync(cursor.Root, cancellationToken)).Id ?? cursor.Root;

    private async Task<Api.FileResource?> TryGetAsync(string folderId, CancellationToken cancellationToken)
    {
        try
        {
            return await client.GetResourceAsync(folderId, cancellationToken);
        }
        catch (DriveApiException e) when (DriveFailureClassifier.Classify(e) == DriveFailureAction.SkipFile)
        {
            // Not readable by us (404, 403): not a folder this listing can reach.
            return null;
        }
    }
}
