using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;

namespace DriveSync.Host.Api;

/// <summary>Maps our run routes (start, problems) and <c>/healthz</c>; the rest of run management is Durable's instance API.</summary>
public static class RunsEndpoints
{
    /// <summary>The trigger recorded for runs started over HTTP.</summary>
    public const string HttpTrigger = "http";

    /// <summary>Maps <c>POST /api/runs</c> and <c>GET /api/runs/{id}/problems</c> behind the key filter and <c>/healthz</c> open.</summary>
    public static IEndpointRouteBuilder MapRunsApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/healthz", () => Results.Json(new { status = "Healthy" }, ApiJson.Options));

        var runs = endpoints.MapGroup("/api/runs").AddEndpointFilter<ApiKeyEndpointFilter>();
        runs.MapPost("/", async (HttpRequest request, SyncRunsApi api, PublicBaseUri publicBase, IOptions<ApiOptions> options, CancellationToken ct) =>
        {
            var (body, problem) = await JsonBody.ReadAsync(request, options.Value.MaxJsonBodyBytes, ct);
            return (problem ?? await api.StartAsync(Client(request), publicBase.For(request), body, HttpTrigger, ct)).ToHttpResult();
        });
        runs.MapGet("/{id}/problems", async (string id, HttpRequest request, SyncRunsApi api, CancellationToken ct) =>
            (await api.ProblemsAsync(Client(request), id, request.Query["skip"], request.Query["top"], ct)).ToHttpResult());
        return endpoints;
    }

    /// <summary>
    /// The engine's client, resolved only once the key filter let the request through (a parameter would be bound
    /// before the filter runs, so an unauthenticated caller could learn whether the engine is up).
    /// </summary>
    private static DurableTaskClient Client(HttpRequest request) => request.HttpContext.RequestServices.GetRequiredService<DurableTaskClient>();
}
