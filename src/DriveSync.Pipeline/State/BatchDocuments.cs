using DriveSync.Pipeline.Ports;

namespace DriveSync.Pipeline.State;

/// <summary>The outcome of one file; every listed file ends in exactly one.</summary>
public enum FileOutcome
{
    Uploaded,
    Skipped,
    Quarantined,
    Failed,

    /// <summary>
    /// Not a listed file's outcome: an output deleted because its source left the tree or a newer output of the file
    /// superseded it (<see cref="FileResult.Reason"/> says which).
    /// </summary>
    Removed,
}

/// <summary>A batch manifest (<c>runs/{id}/batches/{n}.json</c>): the files a worker processes. Names are sanitized.</summary>
public sealed record BatchManifest(string RunId, int Number, IReadOnlyList<BatchFile> Files);

/// <summary>
/// One file of a batch. <see cref="Name"/> is the sanitized name; the raw Drive name is never persisted.
/// <see cref="Reprocess"/>: this version has an output written under another sanitizer policy, which the new output
/// replaces (with this version's other outputs). <see cref="ReplacesVersions"/>: every other output of the file goes once
/// the new one exists (a changed file, with <c>DeleteRemoved</c>).
/// </summary>
public sealed record BatchFile(string Id, string Name, string MimeType, long Size, long? Version, string? Md5, string? ExportMimeType,
    bool Reprocess = false, bool ReplacesVersions = false)
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
/// (e.g. converted by OCR); <see cref="Reason"/> says why a file was not uploaded, or why an output was Removed.
/// <see cref="Policy"/> is the sanitizer policy version an Uploaded or Quarantined file was judged under;
/// <see cref="Reprocessed"/> is true for an Uploaded file whose earlier output (written under another policy) it replaced.
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
    string? Note = null,
    string? Policy = null,
    bool Reprocessed = false)
{
    public static FileResult Without(BatchFile file, FileOutcome outcome, string? reason) =>
        new(file.Id, file.Name, file.VersionKey, outcome, null, 0, 0, new Dictionary<string, long>(), reason);
}
