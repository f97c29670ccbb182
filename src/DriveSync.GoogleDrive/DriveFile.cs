namespace DriveSync.GoogleDrive;

/// <summary>
/// A file to copy, as listed from Drive. <see cref="Name"/> is the user's own name: it may hold personal data and
/// must be sanitized before it reaches a log, blob name or metadata.
/// </summary>
/// <param name="Id">Drive file id (of the target when this came from a resolved shortcut).</param>
/// <param name="Name">File name as shown in Drive.</param>
/// <param name="MimeType">Drive MIME type (e.g. <c>application/pdf</c> or <c>application/vnd.google-apps.document</c>).</param>
/// <param name="Size">Size in bytes; null for Google-native files, which have no stored bytes.</param>
/// <param name="Md5Checksum">MD5 of the content as lowercase hex; null for Google-native files.</param>
/// <param name="ModifiedTime">Last modification time.</param>
/// <param name="Version">Drive's monotonically increasing version; changes with every content or metadata change.</param>
/// <param name="ParentId">The folder the file was found in (the listing keeps ids, never folder names: they may hold personal data).</param>
/// <param name="ExportMimeType">The MIME type the file is exported to when it is Google-native; null for stored files.</param>
/// <param name="ShortcutId">The id of the shortcut this file was reached through, when a shortcut was resolved; otherwise null.</param>
public sealed record DriveFile(
    string Id,
    string Name,
    string MimeType,
    long? Size,
    string? Md5Checksum,
    DateTimeOffset? ModifiedTime,
    long Version,
    string? ParentId,
    string? ExportMimeType = null,
    string? ShortcutId = null)
{
    /// <summary>True for Google Docs/Sheets/Slides, which are exported rather than downloaded.</summary>
    public bool IsGoogleNative => ExportMimeType is not null;
}

/// <summary>One entry of <c>changes.list</c>.</summary>
/// <param name="FileId">The file that changed.</param>
/// <param name="Removed">True when the file was deleted or access to it was lost.</param>
/// <param name="File">The file's metadata now, or null when removed.</param>
/// <param name="Time">When the change happened.</param>
public sealed record DriveChange(string FileId, bool Removed, DriveFile? File, DateTimeOffset? Time);

/// <summary>One page of <c>changes.list</c>.</summary>
/// <param name="Changes">The changes of this page.</param>
/// <param name="NextPageToken">Token for the next page of this sweep, or null when this was the last page.</param>
/// <param name="NewStartPageToken">Token to start the next incremental run from; set on the last page only.</param>
public sealed record DriveChangesPage(IReadOnlyList<DriveChange> Changes, string? NextPageToken, string? NewStartPageToken);

/// <summary>Result of a download or export.</summary>
/// <param name="Bytes">Bytes written to the destination.</param>
/// <param name="Md5Checksum">MD5 of the bytes written, lowercase hex.</param>
/// <param name="Attempts">HTTP requests it took (1 when nothing broke).</param>
public sealed record DriveDownloadResult(long Bytes, string Md5Checksum, int Attempts);
