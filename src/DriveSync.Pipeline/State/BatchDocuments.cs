using DriveSync.Pipeline.Ports;

namespace DriveSync.Pipeline.State;

/// <summary>The outcome of one file; every listed file ends in exactly one.</summary>
public enum FileOutcome
{
    Uploaded,
    Skipped,
    Quarantined,
    Failed,
}

/// <summary>A batch manifest (<c>runs/{id}/batches/{n}.json</c>): the files a worker processes. Names are sanitized.</summary>
public sealed record BatchManifest(string RunId, int Number, IReadOnlyList<BatchFile> Files);

/// <summary>
/// One file of a batch. <see cref="Name"/> is the sanitized name; the raw Drive name is never persisted.
/// </summary>
public sealed record BatchFile(string Id, string Name, string MimeType, long Size, long? Version, string? Md5, string? ExportMimeType)
{
    public static BatchFile From(SourceFile file, string sanitizedName) =>
        new(file.Id, sanitizedName, file.MimeType, file.Size, file.Version, file.Md5, file.ExportMimeType);

    public SourceFile ToSourceFile() => new(Id, Name, MimeType, Size, Version, Md5, ExportMimeType);

    public string VersionKey => ToSourceFile().VersionKey;
}

/// <summary>A batch result (<c>runs/{id}/results/{n}.json</c>): the outcome of each file of the batch.</summary>
public sealed record BatchResult(int Number, IReadOnlyList<FileResult> Files);

/// <summary>
/// A file's outcome as it appears in batch results and in the run manifest (one JSONL line each).
/// Holds the sanitized name only. <see cref="Note"/> says how an Uploaded file was produced when not directly
/// (e.g. converted by OCR); <see cref="Reason"/> says why a file was not uploaded.
/// </summary>
public sealed record FileResult(
    string Id,
    string Name,
    string Version,
    FileOutcome Outcome,
    string? Output,
    long BytesRead,
    long BytesWritten,
    IReadOnlyDictionary<string, long> Pii,
    string? Reason,
    string? Note = null)
{
    public static FileResult Without(BatchFile file, FileOutcome outcome, string? reason) =>
        new(file.Id, file.Name, file.VersionKey, outcome, null, 0, 0, new Dictionary<string, long>(), reason);
}
