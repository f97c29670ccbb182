using System.Globalization;
using DriveSync.Host.Api.Durable;
using DriveSync.Pipeline.Orchestration;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;

namespace DriveSync.Host.Api;

/// <summary>
/// Our two routes for what Durable Functions' instance API has no route for: starting the folder's run (one at a time)
/// and reading a run's problem files. Everything else about a run is Durable's API (<see cref="DurableInstancesApi"/>).
/// </summary>
public sealed partial class SyncRunsApi(SyncRunStarter starter, RunProblemsReader problems, IOptions<ApiOptions> options, ILogger<SyncRunsApi> logger)
{
    /// <summary>The page size of <c>/problems</c> when <c>top</c> is absent.</summary>
    public const int DefaultProblemsTop = 50;

    /// <summary>
    /// <c>POST /api/runs</c> with an optional JSON body (<see cref="StartRunBody"/>: <c>limit</c>, <c>dryRun</c>, <c>reprocess</c>): 202 with the new run's management
    /// URLs (as <c>CreateCheckStatusResponse</c> gives them) and <c>Location</c>; 409 with the same members of the
    /// folder's run in progress; 400 for a body of the wrong shape or types.
    /// </summary>
    public async Task<ApiResult> StartAsync(DurableTaskClient client, string baseUri, ReadOnlyMemory<byte> body, string trigger, CancellationToken cancellationToken)
    {
        var (request, problem) = StartRunBody.Read(body.Span, trigger);
        if (problem is not null)
        {
            return ApiResult.Problem(400, problem.Title, problem.Detail);
        }

        var start = await starter.StartAsync(client, request!, cancellationToken);
        var uris = ManagementUris.For(baseUri, start.InstanceId);
        var location = new Dictionary<string, string> { ["Location"] = uris.StatusQueryGetUri };
        if (start.Created)
        {
            LogStarted(logger, start.InstanceId);
            return ApiResult.Json(202, uris, location);
        }

        return ApiResult.Problem(
            409,
            "A run of this folder is in progress",
            "Runs of one folder never overlap. Follow statusQueryGetUri to watch the run in progress, or terminate it first.",
            new Dictionary<string, object?>
            {
                ["id"] = uris.Id,
                ["statusQueryGetUri"] = uris.StatusQueryGetUri,
                ["sendEventPostUri"] = uris.SendEventPostUri,
                ["terminatePostUri"] = uris.TerminatePostUri,
                ["purgeHistoryDeleteUri"] = uris.PurgeHistoryDeleteUri,
            },
            location);
    }

    /// <summary>
    /// <c>GET /api/runs/{id}/problems?skip=&amp;top=</c>: 200 with one page of the run's quarantined and failed files
    /// (sanitized names), how many there are in all and how many per reason; 404 for an unknown run; 400 for a bad page.
    /// </summary>
    public async Task<ApiResult> ProblemsAsync(DurableTaskClient client, string id, string? skip, string? top, CancellationToken cancellationToken)
    {
        var maxTop = options.Value.MaxPageSize;
        var from = 0;
        var count = Math.Min(DefaultProblemsTop, maxTop);
        if (!string.IsNullOrEmpty(skip) && (!int.TryParse(skip, NumberStyles.None, CultureInfo.InvariantCulture, out from) || from < 0))
        {
            return ApiResult.Problem(400, "Invalid skip", "skip must be a whole number, 0 or more.");
        }

        if (!string.IsNullOrEmpty(top) && (!int.TryParse(top, NumberStyles.None, CultureInfo.InvariantCulture, out count) || count < 1 || count > maxTop))
        {
            return ApiResult.Problem(400, "Invalid top", $"top must be an integer from 1 to {maxTop}.");
        }

        if (await client.GetInstanceAsync(id, cancellationToken) is null)
        {
            return ApiResult.Problem(404, "No such run", "No run has this id; it may have been purged.", new Dictionary<string, object?> { ["id"] = id });
        }

        var page = await problems.ReadAsync(id, from, count, cancellationToken);
        return ApiResult.Json(200, RunProblemsPayload.From(id, from, count, page));
    }

    [LoggerMessage(EventId = 220, Level = LogLevel.Information, Message = "Run {RunId} started via the API")]
    private static partial void LogStarted(ILogger logger, string runId);
}

/// <summary>The body of <c>GET /api/runs/{id}/problems</c>: a page of problem files, the total and the count per reason (most frequent first).</summary>
public sealed record RunProblemsPayload(string Id, int Skip, int Top, long Total, IReadOnlyList<RunProblemPayload> Items, IReadOnlyList<ReasonCountPayload> ByReason)
{
    /// <summary>Maps the reader's page.</summary>
    public static RunProblemsPayload From(string id, int skip, int top, ProblemPage page) =>
        new(
            id,
            skip,
            top,
            page.Total,
            page.Items.Select(p => new RunProblemPayload(p.FileId, p.Name, p.Outcome.ToLowerInvariant(), p.Reason)).ToList(),
            page.ByReason.OrderByDescending(r => r.Value).ThenBy(r => r.Key, StringComparer.Ordinal).Select(r => new ReasonCountPayload(r.Key, r.Value)).ToList());
}

/// <summary>A quarantined or failed file: Drive file id, sanitized name, <c>quarantined</c> or <c>failed</c>, and why.</summary>
public sealed record RunProblemPayload(string FileId, string Name, string Outcome, string Reason);

/// <summary>How many problem files share one reason.</summary>
public sealed record ReasonCountPayload(string Reason, long Count);
