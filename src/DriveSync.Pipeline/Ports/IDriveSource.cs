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

    /// <summary>
    /// Starts tracking changes: the token from which changes made from now on are listed, and the source folder's own
    /// id as the source reports it in files' parents (the configured id may be an alias such as <c>root</c>).
    /// </summary>
    Task<ChangesStart> StartChangesAsync(CancellationToken cancellationToken);

    /// <summary>
    /// One page of the changes since <paramref name="token"/> (files and folders anywhere the credentials see; deleted
    /// and trashed items as <see cref="SourceChangeKind.Removed"/>), or <c>null</c> when the source no longer accepts the token (expired or invalid): list everything then.
    /// </summary>
    Task<ChangesPage?> ListChangesAsync(string token, CancellationToken cancellationToken);

    /// <summary>
    /// True when the opt-in OCR route is on (<c>DriveSync:Drive:Ocr:Enabled</c>) and the source can convert files of
    /// this type (scanned PDFs, images) into text by OCR.
    /// </summary>
    bool CanConvertByOcr(SourceFile file);

    /// <summary>
    /// Converts the file by the source's OCR into a DOCX written to <paramref name="destination"/> (a seekable stream the
    /// caller owns and discards on failure). Any temporary copy the source makes is removed, also on failure.
    /// Only when <see cref="CanConvertByOcr"/> is true.
    /// </summary>
    Task ConvertToDocxAsync(SourceFile file, Stream destination, CancellationToken cancellationToken);

    /// <summary>Moves the file into the folder <paramref name="folderId"/> (the optional post-action).</summary>
    Task MoveToFolderAsync(string fileId, string folderId, CancellationToken cancellationToken);

    /// <summary>What to do about a failure of this source (after its own pacer has retried).</summary>
    FailureKind Classify(Exception exception);
}

/// <summary>
/// A page of listed files, the serialized cursor of the next page, and the ids whose changes concern the source that
/// this page found: subfolders (the listing goes into them on later pages) and the targets of shortcuts.
/// </summary>
public sealed record SourcePage(IReadOnlyList<SourceFile> Files, string? NextCursor, IReadOnlyList<string>? Watched = null);

/// <summary>Where change tracking starts: the changes token and the source folder's own id.</summary>
public sealed record ChangesStart(string Token, string RootFolderId);

/// <summary>A page of changes: <see cref="NextToken"/> for the next page, or <see cref="NewStartToken"/> after the last page.</summary>
public sealed record ChangesPage(IReadOnlyList<SourceChange> Changes, string? NextToken, string? NewStartToken);

/// <summary>
/// A changed item, its kind and its (first) parent folder. <see cref="File"/> is the file to process for
/// <see cref="SourceChangeKind.File"/>, else null.
/// </summary>
public sealed record SourceChange(string Id, string? ParentId, SourceChangeKind Kind, SourceFile? File);

/// <summary>What a changed item is.</summary>
public enum SourceChangeKind
{
    /// <summary>A file the pipeline processes.</summary>
    File,

    /// <summary>A folder.</summary>
    Folder,

    /// <summary>A shortcut (its target is listed in its place).</summary>
    Shortcut,

    /// <summary>Something the pipeline does not process (a Google type without an export).</summary>
    Ignored,

    /// <summary>Deleted or trashed (or no longer visible to the credentials); a file or a folder, its parent unknown.</summary>
    Removed,
}

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
