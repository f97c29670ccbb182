namespace DriveSync.Pipeline.Runs;

/// <summary>The files of a run that were quarantined or failed, for the status page.</summary>
public interface IRunProblems
{
    /// <summary>Up to <paramref name="max"/> problem files of the run in listing order; empty when the run does not exist.</summary>
    Task<IReadOnlyList<FileProblem>> GetProblemsAsync(string runId, int max, CancellationToken cancellationToken);
}

/// <summary>A quarantined or failed file: id, sanitized name, outcome (<c>quarantined</c> or <c>failed</c>) and reason (no PII).</summary>
public sealed record FileProblem(string FileId, string SanitizedName, string Outcome, string Reason);
