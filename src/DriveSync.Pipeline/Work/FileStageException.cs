using DriveSync.Pipeline.Ports;

namespace DriveSync.Pipeline.Work;

/// <summary>A file's download or upload failed in a way that concerns its whole batch (Retry) or run (StopRun).</summary>
public sealed class FileStageException(string stage, FailureKind kind, Exception inner)
    : Exception($"The {stage} of a file failed ({kind}, {inner.GetType().Name}).", inner)
{
    public FailureKind Kind { get; } = kind;

    /// <summary>The stage that failed: <c>download</c>, <c>OCR conversion</c> (Drive), <c>upload</c> or <c>removal</c> (storage).</summary>
    public string Stage { get; } = stage;

    /// <summary>True when the failed stage talked to storage rather than Drive.</summary>
    public bool IsStorage => Stage is "upload" or OutputRemover.Stage;
}
