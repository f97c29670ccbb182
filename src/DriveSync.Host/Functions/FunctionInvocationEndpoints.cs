using System.Text.Json;
using DriveSync.Host.Api;
using DriveSync.Host.StatusPage;
using DriveSync.Host.Timer;
using DriveSync.Pipeline.Orchestration;
using Microsoft.DurableTask.Client;
using DriveSync.Sanitization.Redaction;

namespace DriveSync.Host.Functions;

/// <summary>
/// The endpoints the Azure Functions host calls when it runs this executable as a custom handler: one
/// <c>POST /{FunctionName}</c> per folder with a <c>function.json</c>, taking <see cref="InvocationRequest"/> and answering
/// <see cref="InvocationResponse"/>. HTTP functions reuse <see cref="RunsApi"/>; their answer goes in the <c>res</c> output.
/// The Functions host has already checked the function key, so these endpoints take none; they exist only in
/// custom-handler mode, where Kestrel listens on 127.0.0.1 only.
/// </summary>
public static class FunctionInvocationEndpoints
{
    /// <summary>The HTTP output binding name used by every HTTP function.</summary>
    public const string HttpOutput = "res";

    /// <summary>The HTTP trigger binding name used by every HTTP function.</summary>
    public const string HttpInput = "req";

    /// <summary>The timer trigger binding name.</summary>
    public const string TimerInput = "timer";

    /// <summary>Maps one endpoint per function of the package.</summary>
    public static IEndpointRouteBuilder MapFunctionInvocations(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/StartRun", (InvocationRequest invocation, RunsApi api, CancellationToken ct) =>
            Http(invocation, req => api.StartAsync(req.BaseUri, req.Body, RunsEndpoints.HttpTrigger, ct)));
        endpoints.MapPost("/ListRuns", (InvocationRequest invocation, RunsApi api, CancellationToken ct) =>
            Http(invocation, req => api.ListAsync(req.QueryValue("runtimeStatus"), req.QueryValue("top"), req.QueryValue("continuationToken"), ct)));
        endpoints.MapPost("/GetRun", (InvocationRequest invocation, RunsApi api, CancellationToken ct) =>
            Http(invocation, req => api.GetAsync(req.BaseUri, RouteId(req), ct)));
        endpoints.MapPost("/GetRunProblems", (InvocationRequest invocation, RunsApi api, CancellationToken ct) =>
            Http(invocation, req => api.ProblemsAsync(RouteId(req), req.QueryValue("top"), ct)));
        endpoints.MapPost("/TerminateRun", (InvocationRequest invocation, RunsApi api, CancellationToken ct) =>
            Http(invocation, req => api.TerminateAsync(RouteId(req), req.QueryValue("reason"), ct)));
        endpoints.MapPost("/PurgeRun", (InvocationRequest invocation, RunsApi api, CancellationToken ct) =>
            Http(invocation, req => api.PurgeAsync(RouteId(req), ct)));
        endpoints.MapPost("/Health", (InvocationRequest invocation) =>
            Http(invocation, _ => Task.FromResult(ApiResult.Json(200, new { status = "Healthy" }))));
        endpoints.MapPost("/StatusPage", (InvocationRequest invocation) =>
            Results.Json(new InvocationResponse { Outputs = { [HttpOutput] = HtmlOutput(StatusPageContent.Html) } }));
        endpoints.MapPost("/ScheduledRun", async (InvocationRequest invocation, DurableTaskClient client, SyncRunStarter starter, CancellationToken ct) =>
        {
            var pastDue = invocation.Data.TryGetValue(TimerInput, out var timer) && IsPastDue(timer);
            var started = await starter.StartAsync(client, new SyncRunRequest(pastDue ? TimerPlan.CatchUpTrigger : TimerPlan.OnTimeTrigger), ct);
            var line = started.Created ? $"Started run {started.InstanceId}" : $"Run {started.InstanceId} already in progress";
            return Results.Json(new InvocationResponse { Logs = { Scrub(line) } });
        });
        return endpoints;
    }

    private static async Task<IResult> Http(InvocationRequest invocation, Func<InvocationHttpRequest, Task<ApiResult>> handle)
    {
        if (!invocation.Data.TryGetValue(HttpInput, out var reqElement) || reqElement.ValueKind != JsonValueKind.Object)
        {
            return Results.Json(
                ApiResult.Problem(400, "Not an HTTP invocation", $"Data.{HttpInput} is missing: this function expects the Functions host's HTTP trigger payload.").Body,
                ApiJson.Options,
                ApiResult.ProblemContentType,
                400);
        }

        var result = await handle(InvocationHttpRequest.Parse(reqElement));
        return Results.Json(new InvocationResponse { Outputs = { [HttpOutput] = JsonOutput(result) } });
    }

    private static Dictionary<string, object?> JsonOutput(ApiResult result)
    {
        var headers = new Dictionary<string, string>(result.Headers)
        {
            ["Content-Type"] = result.IsProblem ? ApiResult.ProblemContentType : "application/json",
        };
        return new Dictionary<string, object?>
        {
            ["statusCode"] = result.StatusCode,
            ["headers"] = headers,
            ["body"] = JsonSerializer.Serialize(result.Body, ApiJson.Options),
        };
    }

    private static Dictionary<string, object?> HtmlOutput(string html) => new()
    {
        ["statusCode"] = 200,
        ["headers"] = new Dictionary<string, string> { ["Content-Type"] = "text/html; charset=utf-8" },
        ["body"] = html,
    };

    private static string RouteId(InvocationHttpRequest req) => req.Params.TryGetValue("id", out var id) ? id : string.Empty;

    private static bool IsPastDue(JsonElement timer) =>
        timer.ValueKind == JsonValueKind.Object
        && timer.EnumerateObject().Any(p => string.Equals(p.Name, "IsPastDue", StringComparison.OrdinalIgnoreCase) && p.Value.ValueKind == JsonValueKind.True);

    private static string Scrub(string line) => PiiScrubber.Scrub(line) ?? string.Empty;
}
