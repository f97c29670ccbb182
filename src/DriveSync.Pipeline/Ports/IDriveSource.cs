namespace DriveSync.Pipeline.Ports;

/// <summary>
/// The pipeline's one view of the Drive folder it copies: pages of files, file content, and the
/// post-action. Implemented over the repository's Drive v3 client (<see cref="Adapters.GoogleDriveSource"/>).
/// </summary>
public interface IDriveSource
{
    /// <summary>A stable key of the source (the folder id), used to name state blobs and the lease.</summary>
    string SourceId { get; }

    /// <summary>
    /// Lists the next page of files (recursively, folders excluded) after <paramref name="cursor"/>
    /// (<c>null</c> for the first page). The returned cursor is <c>null</c> after the last page.
    /// </summary>
    Task<SourcePage> ListPageAsync(string? cursor, CancellationToken cancellationToken);

    /// <summary>Writes the file's bytes (a download, or an export for Google Docs) to <paramref name="destination"/>.</summary>
    Task DownloadAsync(SourceFile file, Stream destination, CancellationToken cancellationToken);

    /// <summary>Moves the file into the folder <paramref name="folderId"/> (the optional post-action).</summary>
    Task MoveToFolderAsync(string fileId, string folderId, CancellationToken cancellationToken);

    /// <summary>What to do about a failure of this source (after its own pacer has retried).</summary>
    FailureKind Classify(Exception exception);
}

/// <summary>A page of listed files and the serialized cursor of the next page.</summary>
public sealed record SourcePage(IReadOnlyList<SourceFile> Files, string? NextCursor);

/// <summary>
/// A listed file. <see cref="Name"/> is the raw Drive name and may hold personal data: it lives in
/// memory only; everything persisted uses the sanitized name.
/// </summary>
/// <param name="Id">Drive file id.</param>
/// <param name="Name">Raw name (memory only).</param>
/// <param name="MimeType">Drive MIME type.</param>
/// <param name="Size">Size in bytes, 0 when Drive does not say (Google Docs).</param>
/// <param name="Version">Drive's version number, or null.</param>
/// <param name="Md5">MD5 checksum of binary content, or null (Google Docs).</param>
/// <param name="ExportMimeType">The MIME type to export to, for Google Docs; null for binary files.</param>
public sealed record SourceFile(string Id, string Name, string MimeType, long Size, long? Version, string? Md5, string? ExportMimeType)
{
    /// <summary>The version key the ledger and the output name use: the MD5 when known, else the version number.</summary>
    public string VersionKey => Md5 ?? (Version is { } v ? "v" + v.ToString(System.Globalization.CultureInfo.InvariantCulture) : "v0");
}
