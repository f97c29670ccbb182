using DriveSync.Pipeline.Ports;

namespace DriveSync.Pipeline.Work;

/// <summary>A file's download or upload failed in a way that concerns its whole batch (Retry) or run (StopRun).</summary>
public sealed class FileStageException(string stage, FailureKind kind, Exception inner)
    : Exception($"The {stage} of a file failed ({kind}, {inner.GetType().Name}).", inner)
{
    public FailureKind Kind { get; } = kind;
}
