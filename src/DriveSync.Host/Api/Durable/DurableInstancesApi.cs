using System.Text.Json;
using DriveSync.Sanitization.Redaction;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;

namespace DriveSync.Host.Api.Durable;

/// <summary>
/// Durable Functions' HTTP instance API (<c>/runtime/webhooks/durabletask/instances…</c>) over any
/// <see cref="DurableTaskClient"/>: the same routes, query parameters, member names and status codes, so tools and
/// scripts written for Durable Functions work against <c>serve</c>. Every error carries a problem-details body.
/// </summary>
public sealed partial class DurableInstancesApi(IOptions<ApiOptions> options, PublicBaseUri publicBase, SharedListQueries sharedLists, ILogger<DurableInstancesApi> logger)
{
    /// <summary>The longest termination reason kept (the rest is cut off).</summary>
    public const int MaxReasonLength = 500;

    /// <summary>
    /// <c>GET …/instances</c>: one page of instances matching the filter, from one query against the task hub (shared by
    /// identical requests arriving together, see <see cref="SharedListQueries"/>). 200 with a JSON array; the next
    /// page's token in the <c>x-ms-continuation-token</c> header (absent on the last page).
    /// </summary>
    public async Task<ApiResult> ListAsync(HttpRequest request, DurableTaskClient client, CancellationToken cancellationToken)
    {
        if (!InstanceListQuery.TryParse(request.Query, request.Headers[InstanceListQuery.ContinuationHeader], options.Value.MaxPageSize, out var query, out var error))
        {
            return ApiResult.Problem(400, "Invalid query", error);
        }

        string? backendToken = null;
        if (query.ContinuationToken is not null && !ContinuationTokens.TryUnwrap(query.ContinuationToken, query.Fingerprint, out backendToken))
        {
            return ApiResult.Problem(400, "Invalid continuation token", $"The {InstanceListQuery.ContinuationHeader} header must hold a token from a previous answer to the same filter.");
        }

        if (!options.Value.ShareConcurrentListQueries)
        {
            return await QueryPageAsync(client, query, backendToken, cancellationToken);
        }

        var key = (client, query.Fingerprint, query.Top, query.ShowInput, backendToken);
        return await sharedLists.RunAsync(key, () => QueryPageAsync(client, query, backendToken, CancellationToken.None), cancellationToken);
    }

    /// <summary>One query of the task hub: the page of instances matching <paramref name="query"/> from <paramref name="backendToken"/>.</summary>
    private static async Task<ApiResult> QueryPageAsync(DurableTaskClient client, InstanceListQuery query, string? backendToken, CancellationToken cancellationToken)
    {
        var filter = new OrchestrationQuery
        {
            Statuses = query.Statuses.Count == 0 ? null : query.Statuses,
            CreatedFrom = query.CreatedFrom,
            CreatedTo = query.CreatedTo,
            PageSize = query.Top,
            FetchInputsAndOutputs = true,
            ContinuationToken = backendToken,
        };
        await foreach (var page in client.GetAllInstancesAsync(filter).AsPages(backendToken, query.Top).WithCancellation(cancellationToken))
        {
            var instances = page.Values.Select(i => InstanceStatusPayload.From(i, query.ShowInput)).ToList();
            var headers = string.IsNullOrEmpty(page.ContinuationToken)
                ? new Dictionary<string, string>()
                : new Dictionary<string, string> { [InstanceListQuery.ContinuationHeader] = ContinuationTokens.Wrap(page.ContinuationToken, query.Fingerprint) };
            return ApiResult.Json(200, instances, headers);
        }

        return ApiResult.Json(200, Array.Empty<InstanceStatusPayload>());
    }

    /// <summary>
    /// <c>GET …/instances/{id}</c>: 202 with <c>Location</c> and <c>Retry-After: 5</c> while Pending, Running or
    /// Suspended; 200 once finished (500 for Failed with <c>returnInternalServerErrorOnFailure=true</c>); 404 unknown.
    /// </summary>
    public async Task<ApiResult> GetAsync(HttpRequest request, DurableTaskClient client, string instanceId, CancellationToken cancellationToken)
    {
        var error = string.Empty;
        if (!InstanceListQuery.TryFlag(request.Query, "showInput", true, out var showInput, ref error)
            || !InstanceListQuery.TryFlag(request.Query, "showHistory", false, out var showHistory, ref error)
            || !InstanceListQuery.TryFlag(request.Query, "returnInternalServerErrorOnFailure", false, out var failureIs500, ref error))
        {
            return ApiResult.Problem(400, "Invalid query", error);
        }

        var instance = await client.GetInstanceAsync(instanceId, getInputsAndOutputs: true, cancellationToken);
        if (instance is null)
        {
            return NotFound(instanceId);
        }

        IReadOnlyList<HistoryEventPayload>? history = null;
        if (showHistory)
        {
            try
            {
                history = (await client.GetOrchestrationHistoryAsync(instanceId, cancellationToken)).Select(HistoryEventPayload.From).ToList();
            }
            catch (NotSupportedException)
            {
                return ApiResult.Problem(501, "History not available", "This engine's client cannot read an instance's history; ask again without showHistory.");
            }
        }

        var payload = InstanceStatusPayload.From(instance, showInput, history);
        return instance.RuntimeStatus switch
        {
            OrchestrationRuntimeStatus.Pending or OrchestrationRuntimeStatus.Running or OrchestrationRuntimeStatus.Suspended => ApiResult.Json(202, payload, new Dictionary<string, string>
            {
                ["Location"] = publicBase.For(request) + request.Path + request.QueryString,
                ["Retry-After"] = "5",
            }),
            OrchestrationRuntimeStatus.Failed when failureIs500 => ApiResult.Json(500, payload),
            _ => ApiResult.Json(200, payload),
        };
    }

    /// <summary><c>POST …/instances/{id}/terminate?reason=</c>: 202 (no body), 404 unknown, 410 when it already finished.</summary>
    public async Task<ApiResult> TerminateAsync(DurableTaskClient client, string instanceId, string? reason, CancellationToken cancellationToken)
    {
        var instance = await client.GetInstanceAsync(instanceId, cancellationToken);
        if (instance is null)
        {
            return NotFound(instanceId);
        }

        if (instance.IsCompleted)
        {
            return Gone(instance);
        }

        var kept = string.IsNullOrWhiteSpace(reason) ? "terminated via the API" : PiiScrubber.Scrub(reason.Length > MaxReasonLength ? reason[..MaxReasonLength] : reason);
        await client.TerminateInstanceAsync(instanceId, kept, cancellationToken);
        LogTerminateRequested(logger, instanceId);
        return ApiResult.Empty(202);
    }

    /// <summary>
    /// <c>DELETE …/instances/{id}</c>: 200 with <c>instancesDeleted</c>, 404 unknown. An instance that is still going
    /// answers 409 (terminate it first): deleting live state under a running orchestration corrupts it.
    /// </summary>
    public async Task<ApiResult> PurgeAsync(DurableTaskClient client, string instanceId, CancellationToken cancellationToken)
    {
        var instance = await client.GetInstanceAsync(instanceId, cancellationToken);
        if (instance is null)
        {
            return NotFound(instanceId);
        }

        if (!instance.IsCompleted)
        {
            return ApiResult.Problem(409, "The instance is still going", "Only a finished instance can be purged: terminate it, wait for runtimeStatus Terminated, then delete it.", Id(instanceId));
        }

        var result = await client.PurgeInstanceAsync(instanceId, cancellationToken);
        LogPurged(logger, instanceId, result.PurgedInstanceCount);
        return ApiResult.Json(200, new PurgeHistoryPayload(result.PurgedInstanceCount));
    }

    /// <summary>
    /// <c>POST …/instances/{id}/raiseEvent/{eventName}</c> with a JSON body: 202 (no body), 404 unknown, 410 finished,
    /// 415 not <c>application/json</c>, 413 over the body cap, 400 not JSON.
    /// </summary>
    public async Task<ApiResult> RaiseEventAsync(HttpRequest request, DurableTaskClient client, string instanceId, string eventName, CancellationToken cancellationToken)
    {
        var instance = await client.GetInstanceAsync(instanceId, cancellationToken);
        if (instance is null)
        {
            return NotFound(instanceId);
        }

        if (instance.IsCompleted)
        {
            return Gone(instance);
        }

        var (bytes, problem) = await JsonBody.ReadAsync(request, options.Value.MaxJsonBodyBytes, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        if (!JsonBody.IsJson(request.ContentType))
        {
            return ApiResult.Problem(415, "Unsupported media type", "Send the event data as Content-Type: application/json.");
        }

        JsonElement data;
        try
        {
            using var document = JsonDocument.Parse(bytes);
            data = document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return ApiResult.Problem(400, "Invalid JSON content", "The body must be one JSON value: the event's data.");
        }

        await client.RaiseEventAsync(instanceId, eventName, data, cancellationToken);
        return ApiResult.Empty(202);
    }

    [LoggerMessage(EventId = 210, Level = LogLevel.Information, Message = "Instance {RunId}: termination requested via the API")]
    private static partial void LogTerminateRequested(ILogger logger, string runId);

    [LoggerMessage(EventId = 211, Level = LogLevel.Information, Message = "Instance {RunId}: {Count} instance(s) purged via the API")]
    private static partial void LogPurged(ILogger logger, string runId, int count);

    private static Dictionary<string, object?> Id(string instanceId) => new() { ["instanceId"] = instanceId };

    private static ApiResult NotFound(string instanceId) =>
        ApiResult.Problem(404, "No such instance", "No orchestration instance has this id; it may have been purged.", Id(instanceId));

    private static ApiResult Gone(OrchestrationMetadata instance) =>
        ApiResult.Problem(410, "The instance already finished", $"The instance ended as {instance.RuntimeStatus}.", new Dictionary<string, object?>
        {
            ["instanceId"] = instance.InstanceId,
            ["runtimeStatus"] = instance.RuntimeStatus.ToString(),
        });
}
