using System.Text.Json;
using DriveSync.Host.Runs;
using DriveSync.Pipeline.Orchestration;
using DriveSync.Pipeline.Runs;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;

namespace DriveSync.Host.Api;

/// <summary>
/// The run management API, modelled on the Durable Functions HTTP management API. Transport-free: each method takes
/// the request's parts and returns an <see cref="ApiResult"/>, so Kestrel's routes and the Functions host's
/// invocations answer identically.
/// </summary>
public sealed partial class RunsApi(DurableTaskClient client, SyncRunStarter starter, RunProblemsReader problems, IOptions<ApiOptions> options, ILogger<RunsApi> logger)
{
    private static readonly JsonSerializerOptions StrictJson = new(ApiJson.Options) { UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow };

    /// <summary>
    /// <c>POST /api/runs</c>: 202 with the new run's management URLs; 409 with the run in progress (its id and URLs as
    /// extension members, its status URL as Location) when the source already has one; 400 for a malformed body.
    /// </summary>
    public async Task<ApiResult> StartAsync(string baseUri, string? body, string trigger, CancellationToken cancellationToken)
    {
        StartRunBody request;
        try
        {
            request = string.IsNullOrWhiteSpace(body) ? new StartRunBody() : JsonSerializer.Deserialize<StartRunBody>(body, StrictJson) ?? new StartRunBody();
        }
        catch (JsonException)
        {
            return ApiResult.Problem(400, "Malformed request body", "The body must be empty or a JSON object with the optional members \"limit\" (a positive integer) and \"dryRun\" (true or false).");
        }

        if (request.Limit is <= 0)
        {
            return ApiResult.Problem(400, "Invalid limit", "\"limit\" must be a positive integer (the most files the run processes).");
        }

        var result = await starter.StartAsync(client, new SyncRunRequest(trigger, request.Limit, request.DryRun ?? false), cancellationToken);
        var uris = RunManagementUris.For(baseUri, result.InstanceId);
        var location = new Dictionary<string, string> { ["Location"] = uris.StatusQueryGetUri };
        if (!result.Created)
        {
            return ApiResult.Problem(
                409,
                "A run of this source is in progress",
                "Runs of one source never overlap. Follow statusQueryGetUri to watch the run in progress, or terminate it first.",
                new Dictionary<string, object?>
                {
                    ["id"] = uris.Id,
                    ["runtimeStatus"] = (await GetRunAsync(result.InstanceId, cancellationToken))?.RuntimeStatus.ToString() ?? nameof(RuntimeStatus.Pending),
                    ["statusQueryGetUri"] = uris.StatusQueryGetUri,
                    ["terminatePostUri"] = uris.TerminatePostUri,
                    ["purgeHistoryDeleteUri"] = uris.PurgeHistoryDeleteUri,
                },
                location);
        }

        return ApiResult.Json(202, uris, location);
    }

    /// <summary><c>GET /api/runs/{id}</c>: 202 while the run is Pending or Running (poll again), 200 once it finished, 404 when unknown.</summary>
    public async Task<ApiResult> GetAsync(string baseUri, string id, CancellationToken cancellationToken)
    {
        var run = await GetRunAsync(id, cancellationToken);
        if (run is null)
        {
            return NotFound(id);
        }

        var resource = RunResource.From(run);
        if (run.IsFinished)
        {
            return ApiResult.Json(200, resource);
        }

        return ApiResult.Json(202, resource, new Dictionary<string, string>
        {
            ["Location"] = RunManagementUris.For(baseUri, id).StatusQueryGetUri,
            ["Retry-After"] = "5",
        });
    }

    /// <summary><c>GET /api/runs?runtimeStatus=&amp;top=&amp;continuationToken=</c>: 200 with a page of runs, newest first; 400 for a bad filter.</summary>
    public async Task<ApiResult> ListAsync(string? runtimeStatus, string? top, string? continuationToken, CancellationToken cancellationToken)
    {
        RuntimeStatus? status = null;
        if (!string.IsNullOrEmpty(runtimeStatus))
        {
            if (!Enum.TryParse<RuntimeStatus>(runtimeStatus, ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed) || int.TryParse(runtimeStatus, out _))
            {
                return ApiResult.Problem(400, "Invalid runtimeStatus", $"runtimeStatus must be one of {string.Join(", ", Enum.GetNames<RuntimeStatus>())}.");
            }

            status = parsed;
        }

        var maxPageSize = options.Value.MaxPageSize;
        var pageSize = Math.Min(50, maxPageSize);
        if (!string.IsNullOrEmpty(top) && (!int.TryParse(top, out pageSize) || pageSize < 1 || pageSize > maxPageSize))
        {
            return ApiResult.Problem(400, "Invalid top", $"top must be an integer from 1 to {maxPageSize}.");
        }

        var query = new OrchestrationQuery
        {
            InstanceIdPrefix = null,
            Statuses = status is null ? null : Statuses(status.Value),
            PageSize = pageSize,
            ContinuationToken = string.IsNullOrEmpty(continuationToken) ? null : continuationToken,
            FetchInputsAndOutputs = true,
        };
        var runsPage = new List<RunResource>();
        string? next = null;
        await foreach (var page in client.GetAllInstancesAsync(query).AsPages(query.ContinuationToken, pageSize).WithCancellation(cancellationToken))
        {
            runsPage.AddRange(page.Values.Where(i => i.Name == PipelineTasks.SyncFolder).Select(i => RunResource.From(RunView.From(i))));
            next = page.ContinuationToken;
            break;
        }

        var headers = next is null
            ? new Dictionary<string, string>()
            : new Dictionary<string, string> { ["x-ms-continuation-token"] = next };
        return ApiResult.Json(200, new RunListResource(runsPage, next), headers);
    }

    /// <summary><c>GET /api/runs/{id}/problems?top=</c>: 200 with the run's quarantined and failed files and why (sanitized names only), 404 when unknown.</summary>
    public async Task<ApiResult> ProblemsAsync(string id, string? top, CancellationToken cancellationToken)
    {
        var maxPageSize = options.Value.MaxPageSize;
        var count = Math.Min(50, maxPageSize);
        if (!string.IsNullOrEmpty(top) && (!int.TryParse(top, out count) || count < 1 || count > maxPageSize))
        {
            return ApiResult.Problem(400, "Invalid top", $"top must be an integer from 1 to {maxPageSize}.");
        }

        if (await GetRunAsync(id, cancellationToken) is null)
        {
            return NotFound(id);
        }

        var page = await problems.ReadAsync(id, 0, count, cancellationToken);
        return ApiResult.Json(200, new RunProblemsResource(page.Items.Select(f => new FileProblemResource(f.FileId, f.Name, f.Outcome.ToLowerInvariant(), f.Reason)).ToList()));
    }

    /// <summary><c>POST /api/runs/{id}/terminate?reason=</c>: 202 when asked to stop, 404 when unknown, 409 when it already finished.</summary>
    public async Task<ApiResult> TerminateAsync(string id, string? reason, CancellationToken cancellationToken)
    {
        var run = await GetRunAsync(id, cancellationToken);
        if (run is null)
        {
            return NotFound(id);
        }

        if (run.IsFinished || !await starter.StopAsync(client, id, string.IsNullOrWhiteSpace(reason) ? "Terminated via the API." : reason, cancellationToken))
        {
            return AlreadyFinished(run);
        }

        LogTerminateRequested(logger, id);
        return ApiResult.Json(202, RunResource.From(run));
    }

    /// <summary><c>DELETE /api/runs/{id}</c>: 200 with <c>instancesDeleted</c>, 404 when unknown, 409 while the run is not finished.</summary>
    public async Task<ApiResult> PurgeAsync(string id, CancellationToken cancellationToken)
    {
        var run = await GetRunAsync(id, cancellationToken);
        if (run is null)
        {
            return NotFound(id);
        }

        if (!run.IsFinished)
        {
            return ApiResult.Problem(409, "The run is still going", "Only a finished run can be purged: terminate it and wait for runtimeStatus Terminated, then delete it.", new Dictionary<string, object?> { ["id"] = id });
        }

        await client.PurgeInstanceAsync(id, cancellationToken);
        return Purged(id);
    }

    private async Task<RunView?> GetRunAsync(string id, CancellationToken cancellationToken) =>
        await client.GetInstanceAsync(id, getInputsAndOutputs: true, cancellationToken) is { Name: PipelineTasks.SyncFolder } instance ? RunView.From(instance) : null;

    private static List<OrchestrationRuntimeStatus> Statuses(RuntimeStatus status) => status switch
    {
        RuntimeStatus.Pending => [OrchestrationRuntimeStatus.Pending],
        RuntimeStatus.Running => [OrchestrationRuntimeStatus.Running, OrchestrationRuntimeStatus.Suspended],
        RuntimeStatus.Completed => [OrchestrationRuntimeStatus.Completed],
        RuntimeStatus.Failed => [OrchestrationRuntimeStatus.Failed],
        _ => [OrchestrationRuntimeStatus.Terminated],
    };

    private ApiResult Purged(string id)
    {
        LogPurged(logger, id);
        return ApiResult.Json(200, new PurgeResource(1));
    }

    [LoggerMessage(EventId = 200, Level = LogLevel.Information, Message = "Run {RunId}: termination requested via the API")]
    private static partial void LogTerminateRequested(ILogger logger, string runId);

    [LoggerMessage(EventId = 201, Level = LogLevel.Information, Message = "Run {RunId}: state and history purged via the API")]
    private static partial void LogPurged(ILogger logger, string runId);

    private static ApiResult NotFound(string id) =>
        ApiResult.Problem(404, "No such run", "No run has this id; it may have been purged.", new Dictionary<string, object?> { ["id"] = id });

    private static ApiResult AlreadyFinished(RunView run) =>
        ApiResult.Problem(409, "The run already finished", $"The run ended as {run.RuntimeStatus}; there is nothing to terminate.", new Dictionary<string, object?> { ["id"] = run.Id, ["runtimeStatus"] = run.RuntimeStatus.ToString() });
}
