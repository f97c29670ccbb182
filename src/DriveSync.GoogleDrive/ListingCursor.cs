using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace DriveSync.GoogleDrive;

/// <summary>Folders listed together by one files.list query, and the token of that query's next page.</summary>
/// <param name="FolderIds">Drive folder ids, in the order they were found.</param>
/// <param name="PageToken">The next page of this group's query; null before its first page.</param>
public sealed record FolderGroup(ImmutableList<string> FolderIds, string? PageToken = null)
{
    /// <inheritdoc />
    public bool Equals(FolderGroup? other) =>
        other is not null && PageToken == other.PageToken && FolderIds.SequenceEqual(other.FolderIds);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(PageToken, FolderIds.Count);
}

/// <summary>
/// Where a breadth-first listing of a folder tree stands, holding ids, groups and page tokens only — never a name, so
/// that it can be saved in run state: the groups of folders being listed (the first one is current, with its page
/// token), the folders found but not yet grouped, and the shortcut targets outside the tree already listed. Immutable;
/// serialize it with <see cref="ToJson"/> and resume with <see cref="FromJson"/>.
/// </summary>
public sealed record ListingCursor
{
    /// <summary>The version of the cursor's JSON; a cursor of another version is refused by <see cref="FromJson"/>.</summary>
    public const int CurrentVersion = 2;

    /// <summary>The version of this cursor's shape (<see cref="CurrentVersion"/>).</summary>
    [JsonPropertyName("v")]
    public int Version { get; init; } = CurrentVersion;

    /// <summary>The source folder the listing started from.</summary>
    public string Root { get; init; } = string.Empty;

    /// <summary>Groups of folders still being listed; the first is the current one. Empty between groups.</summary>
    public ImmutableList<FolderGroup> Groups { get; init; } = [];

    /// <summary>Folders found but not yet in a group, in breadth-first order.</summary>
    public ImmutableList<string> Queue { get; init; } = [];

    /// <summary>Shortcut targets outside the tree already listed (oldest first, at most <see cref="DriveOptions.MaxRememberedShortcutTargets"/>).</summary>
    public ImmutableList<string> ShortcutTargets { get; init; } = [];

    /// <summary>The most folders a group may hold after Drive refused a bigger one; null while none was refused.</summary>
    public int? GroupCap { get; init; }

    /// <summary>Pages fetched so far (for progress reporting).</summary>
    public long PagesFetched { get; init; }

    /// <summary>True when every folder has been listed.</summary>
    [JsonIgnore]
    public bool IsComplete => Groups.IsEmpty && Queue.IsEmpty;

    /// <summary>A cursor at the first page of <paramref name="rootFolderId"/>.</summary>
    public static ListingCursor Start(string rootFolderId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(rootFolderId);
        return new ListingCursor { Root = rootFolderId, Groups = [new FolderGroup([rootFolderId])] };
    }

    /// <summary>Serializes the cursor (compact JSON).</summary>
    public string ToJson() => JsonSerializer.Serialize(this, CursorJson.Options);

    /// <summary>Reads a cursor written by <see cref="ToJson"/>.</summary>
    /// <exception cref="FormatException">The text is not a listing cursor of this version.</exception>
    public static ListingCursor FromJson(string json)
    {
        ListingCursor? cursor;
        try
        {
            cursor = JsonSerializer.Deserialize<ListingCursor>(json, CursorJson.Options);
        }
        catch (JsonException e)
        {
            throw new FormatException("The listing cursor is not valid JSON.", e);
        }

        if (cursor is null)
            throw new FormatException("The listing cursor is empty.");
        if (cursor.Version != CurrentVersion || string.IsNullOrEmpty(cursor.Root))
            throw new FormatException($"The listing cursor is not a version {CurrentVersion} cursor (written by another DriveSync version?): start the listing again.");
        if (cursor.Groups.Any(g => g.FolderIds is null || g.FolderIds.IsEmpty))
            throw new FormatException("The listing cursor has an empty folder group.");
        return cursor;
    }

    /// <summary>The cursor with a current group: the first group, or one made from the front of the queue.</summary>
    internal ListingCursor WithCurrentGroup(int maxFolders, int maxQueryLength)
    {
        if (!Groups.IsEmpty || Queue.IsEmpty)
            return this;
        var limit = Math.Min(maxFolders, GroupCap ?? int.MaxValue);
        var count = 0;
        var idChars = 0;
        while (count < Math.Min(limit, Queue.Count))
        {
            var chars = idChars + FolderGroupQuery.IdChars(Queue[count]);
            if (count > 0 && FolderGroupQuery.Length(count + 1, chars) > maxQueryLength)
                break;
            idChars = chars;
            count++;
        }

        return this with { Groups = [new FolderGroup(Queue.GetRange(0, count))], Queue = Queue.RemoveRange(0, count) };
    }

    /// <summary>
    /// The current group (not yet started) replaced by its two halves, and every group capped at the bigger half: the
    /// groups waiting behind it (not started either) are cut to the cap, later groups are made no bigger.
    /// </summary>
    internal ListingCursor SplitCurrentGroup()
    {
        var ids = Groups[0].FolderIds;
        var half = (ids.Count + 1) / 2;
        var cap = Math.Min(GroupCap ?? int.MaxValue, half);
        var waiting = Groups.Skip(1).SelectMany(g => g.FolderIds.Chunk(cap).Select(chunk => new FolderGroup([.. chunk])));
        return this with
        {
            Groups = [new FolderGroup(ids.GetRange(0, half)), new FolderGroup(ids.GetRange(half, ids.Count - half)), .. waiting],
            GroupCap = cap,
        };
    }

    /// <summary>The current group replaced by one group per folder.</summary>
    internal ListingCursor UngroupCurrentGroup() =>
        this with { Groups = Groups.RemoveAt(0).InsertRange(0, Groups[0].FolderIds.Select(id => new FolderGroup([id]))) };

    /// <inheritdoc />
    public bool Equals(ListingCursor? other) =>
        other is not null && Version == other.Version && Root == other.Root && GroupCap == other.GroupCap
        && PagesFetched == other.PagesFetched && Groups.SequenceEqual(other.Groups) && Queue.SequenceEqual(other.Queue)
        && ShortcutTargets.SequenceEqual(other.ShortcutTargets);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Root, PagesFetched, Groups.Count, Queue.Count);
}

/// <summary>One step of a listing: the files of one <c>files.list</c> page and the cursor after it.</summary>
/// <param name="Files">Files found on this page (folders are queued, not returned; shortcuts resolved or skipped); each file at most once per listing.</param>
/// <param name="Next">The cursor to save and continue from.</param>
/// <param name="Skipped">Items left out on this page: shortcuts (skipped by setting, pointing at folders, or with missing or trashed targets) and Google-native types that cannot be exported (forms, drawings, sites…).</param>
public sealed record ListingPage(IReadOnlyList<DriveFile> Files, ListingCursor Next, int Skipped)
{
    /// <summary>True when the listing is complete after this page.</summary>
    public bool IsComplete => Next.IsComplete;

    /// <summary>Ids of the subfolders found on this page (queued in <see cref="Next"/>).</summary>
    public IReadOnlyList<string> FoldersFound { get; init; } = [];

    /// <summary>Items not returned because the same file is (or was) listed elsewhere in this listing: shortcuts to files inside the tree or to a target already listed, and the extra places of a file with several parents.</summary>
    public int Duplicates { get; init; }
}

internal static class CursorJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };
}
