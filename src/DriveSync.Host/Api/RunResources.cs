using DriveSync.Host.Runs;
using DriveSync.Pipeline.Orchestration;
using DriveSync.Pipeline.Runs;

namespace DriveSync.Host.Api;

/// <summary>The body of <c>POST /api/runs</c> (all optional).</summary>
/// <param name="Limit">Process at most this many files.</param>
/// <param name="DryRun">List and plan only; write nothing.</param>
public sealed record StartRunBody(int? Limit = null, bool? DryRun = null);

/// <summary>The management URLs of one run, as the Durable Functions HTTP API returns them.</summary>
public sealed record RunManagementUris(string Id, string StatusQueryGetUri, string TerminatePostUri, string PurgeHistoryDeleteUri)
{
    /// <summary>The URLs of run <paramref name="id"/> under <paramref name="baseUri"/> (scheme, host and path base of the request).</summary>
    public static RunManagementUris For(string baseUri, string id)
    {
        var status = $"{baseUri.TrimEnd('/')}/api/runs/{Uri.EscapeDataString(id)}";
        return new RunManagementUris(id, status, status + "/terminate", status);
    }
}

/// <summary>A run as <c>GET /api/runs/{id}</c> shows it.</summary>
public sealed record RunResource(
    string Id,
    string SourceId,
    string Trigger,
    RuntimeStatus RuntimeStatus,
    RunCustomStatus CustomStatus,
    DateTimeOffset CreatedTime,
    DateTimeOffset LastUpdatedTime,
    DateTimeOffset? CompletedTime,
    RunOutput? Output)
{
    /// <summary>Maps the engine's view to the API's.</summary>
    public static RunResource From(RunView run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var p = run.Progress;
        var custom = p is null
            ? new RunCustomStatus(RunPhase.Listing, 0, 0, 0, 0, 0, 0, 0, 0, new Dictionary<string, long>())
            : new RunCustomStatus(p.Phase, p.Listed, p.Done, p.Uploaded, p.Skipped, p.Quarantined, p.Failed, p.BytesRead, p.BytesWritten, p.PiiFound);
        var output = run.Summary is { } s
            ? new RunOutput(s.Uploaded, s.Skipped, s.Quarantined, s.Failed, s.BytesWritten, s.PiiFound, s.FailureReason)
            : run.IsFinished ? new RunOutput(0, 0, 0, 0, 0, new Dictionary<string, long>(), p?.FailureReason ?? run.FailureMessage) : null;
        return new RunResource(run.Id, run.Summary?.SourceId ?? string.Empty, run.Summary?.Trigger ?? p?.Trigger ?? string.Empty, run.RuntimeStatus, custom,
            run.CreatedAt, run.LastUpdatedAt, run.IsFinished ? run.LastUpdatedAt : null, output);
    }
}

/// <summary>A run's phase and counters while it goes (the Durable Functions "customStatus").</summary>
public sealed record RunCustomStatus(
    string Phase,
    long Listed,
    long Done,
    long Uploaded,
    long Skipped,
    long Quarantined,
    long Failed,
    long BytesRead,
    long BytesWritten,
    IReadOnlyDictionary<string, long> PiiFound);

/// <summary>A finished run's summary (the Durable Functions "output").</summary>
public sealed record RunOutput(
    long Uploaded,
    long Skipped,
    long Quarantined,
    long Failed,
    long BytesWritten,
    IReadOnlyDictionary<string, long> PiiFound,
    string? FailureReason);

/// <summary>A page of <c>GET /api/runs</c>.</summary>
public sealed record RunListResource(IReadOnlyList<RunResource> Runs, string? ContinuationToken);

/// <summary>The body of a successful <c>DELETE /api/runs/{id}</c>.</summary>
public sealed record PurgeResource(int InstancesDeleted);

/// <summary>The body of <c>GET /api/runs/{id}/problems</c>.</summary>
public sealed record RunProblemsResource(IReadOnlyList<FileProblemResource> Problems);

/// <summary>A quarantined or failed file: Drive file id, sanitized name, <c>quarantined</c> or <c>failed</c>, and the reason.</summary>
public sealed record FileProblemResource(string FileId, string Name, string Outcome, string Reason);
