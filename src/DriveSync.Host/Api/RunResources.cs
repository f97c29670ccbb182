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
    /// <summary>Whether the run reached Completed, Failed or Terminated.</summary>
    public static bool IsFinished(RuntimeStatus status) => status is RuntimeStatus.Completed or RuntimeStatus.Failed or RuntimeStatus.Terminated;

    /// <summary>Maps the run manager's view to the API's.</summary>
    public static RunResource From(RunStatus run)
    {
        var counters = run.Counters;
        var custom = new RunCustomStatus(
            run.Phase, counters.Listed, counters.Done, counters.Uploaded, counters.Skipped, counters.Quarantined, counters.Failed,
            counters.BytesRead, counters.BytesWritten, counters.PiiFound);
        var output = IsFinished(run.RuntimeStatus)
            ? new RunOutput(counters.Uploaded, counters.Skipped, counters.Quarantined, counters.Failed, counters.BytesWritten, counters.PiiFound, run.FailureReason)
            : null;
        return new RunResource(run.Id, run.SourceId, run.Trigger, run.RuntimeStatus, custom, run.CreatedTime, run.LastUpdatedTime, run.CompletedTime, output);
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
