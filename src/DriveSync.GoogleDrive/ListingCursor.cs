using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace DriveSync.GoogleDrive;

/// <summary>A folder waiting to be listed, with its path from the source root.</summary>
/// <param name="Id">Drive folder id.</param>
/// <param name="Path">Folder path from the root (segments joined by <c>/</c>, empty for the root).</param>
public sealed record PendingFolder(string Id, string Path);

/// <summary>
/// Where a breadth-first listing of a folder tree stands: the folder being listed, its next page token and the
/// queue of folders still to list. Immutable; serialize it with <see cref="ToJson"/> into a checkpoint and
/// resume with <see cref="FromJson"/>.
/// </summary>
public sealed record ListingCursor
{
    /// <summary>The folder currently being listed; null when the listing is complete.</summary>
    public PendingFolder? Current { get; init; }

    /// <summary>The page token of the next page of <see cref="Current"/>; null for its first page.</summary>
    public string? PageToken { get; init; }

    /// <summary>Folders found but not yet listed, in breadth-first order.</summary>
    public ImmutableList<PendingFolder> Pending { get; init; } = [];

    /// <summary>Pages fetched so far (for progress reporting).</summary>
    public long PagesFetched { get; init; }

    /// <summary>True when every folder has been listed.</summary>
    [JsonIgnore]
    public bool IsComplete => Current is null;

    /// <summary>A cursor at the first page of <paramref name="rootFolderId"/>.</summary>
    public static ListingCursor Start(string rootFolderId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(rootFolderId);
        return new ListingCursor { Current = new PendingFolder(rootFolderId, string.Empty) };
    }

    /// <summary>Serializes the cursor (compact JSON).</summary>
    public string ToJson() => JsonSerializer.Serialize(this, CursorJson.Options);

    /// <summary>Reads a cursor written by <see cref="ToJson"/>.</summary>
    /// <exception cref="FormatException">The text is not a listing cursor.</exception>
    public static ListingCursor FromJson(string json)
    {
        try
        {
            return JsonSerializer.Deserialize<ListingCursor>(json, CursorJson.Options)
                ?? throw new FormatException("The listing cursor is empty.");
        }
        catch (JsonException e)
        {
            throw new FormatException("The listing cursor is not valid JSON.", e);
        }
    }

    /// <inheritdoc />
    public bool Equals(ListingCursor? other) =>
        other is not null && Current == other.Current && PageToken == other.PageToken
        && PagesFetched == other.PagesFetched && Pending.SequenceEqual(other.Pending);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Current, PageToken, PagesFetched, Pending.Count);
}

/// <summary>One step of a listing: the files of one <c>files.list</c> call and the cursor after it.</summary>
/// <param name="Files">Files found on this page (folders are queued, not returned; shortcuts resolved or skipped).</param>
/// <param name="Next">The cursor to save and continue from.</param>
/// <param name="Skipped">Items left out on this page: shortcuts (skipped by setting, pointing at folders, or with missing targets) and Google-native types that cannot be exported (forms, drawings, sites…).</param>
public sealed record ListingPage(IReadOnlyList<DriveFile> Files, ListingCursor Next, int Skipped)
{
    /// <summary>True when the listing is complete after this page.</summary>
    public bool IsComplete => Next.IsComplete;
}

internal static class CursorJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };
}
