namespace DriveSync.DriveEmulator;

/// <summary>A snapshot of one item of the emulated Drive.</summary>
/// <param name="Id">Drive id.</param>
/// <param name="Name">Name.</param>
/// <param name="MimeType">MIME type.</param>
/// <param name="Parents">Parent folder ids.</param>
/// <param name="Size">Stored size; null for folders and Google-native files.</param>
/// <param name="Md5Checksum">Stored MD5 (lowercase hex); null for folders and Google-native files.</param>
/// <param name="Version">Version, incremented on every change.</param>
/// <param name="ModifiedTime">Last modification.</param>
/// <param name="Trashed">True when in the trash.</param>
/// <param name="CopiedFrom">The source's id when the item was made by files.copy; otherwise null.</param>
/// <param name="OcrLanguage">The <c>ocrLanguage</c> a converting files.copy was called with; otherwise null.</param>
public sealed record EmulatedFileInfo(
    string Id, string Name, string MimeType, IReadOnlyList<string> Parents, long? Size, string? Md5Checksum,
    long Version, DateTimeOffset ModifiedTime, bool Trashed, string? CopiedFrom = null, string? OcrLanguage = null);

/// <summary>The mutable record the store keeps per item (guarded by the store's lock).</summary>
internal sealed class EmulatedFile
{
    public required string Id { get; init; }

    public required string Name { get; set; }

    public required string MimeType { get; init; }

    public List<string> Parents { get; } = [];

    public byte[]? Content { get; set; }

    public string? Md5Checksum { get; set; }

    public Dictionary<string, byte[]>? Exports { get; set; }

    public string? ShortcutTargetId { get; init; }

    public string? ShortcutTargetMimeType { get; init; }

    public long Version { get; set; } = 1;

    public DateTimeOffset CreatedTime { get; init; }

    public DateTimeOffset ModifiedTime { get; set; }

    public bool Trashed { get; set; }

    /// <summary>The text OCR "finds" in this file when it is converted to a Google Doc.</summary>
    public string? OcrText { get; set; }

    public string? CopiedFrom { get; set; }

    public string? OcrLanguage { get; set; }

    public EmulatedFileInfo ToInfo() =>
        new(Id, Name, MimeType, Parents.ToArray(), Content?.LongLength, Md5Checksum, Version, ModifiedTime, Trashed, CopiedFrom, OcrLanguage);
}

/// <summary>One entry of the change log.</summary>
internal sealed record EmulatedChange(long Sequence, string FileId, bool Removed, DateTimeOffset Time);
