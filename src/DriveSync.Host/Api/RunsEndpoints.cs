using System.Text;
using Microsoft.Extensions.Options;

namespace DriveSync.Host.Api;

/// <summary>Maps the run management API and <c>/healthz</c> onto Kestrel's routes.</summary>
public static class RunsEndpoints
{
    /// <summary>The trigger recorded for runs started over HTTP.</summary>
    public const string HttpTrigger = "http";

    /// <summary>Maps <c>/api/runs…</c> behind the key filter and <c>/healthz</c> open.</summary>
    public static IEndpointRouteBuilder MapRunsApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/healthz", () => Results.Json(new { status = "Healthy" }, ApiJson.Options));

        var runs = endpoints.MapGroup("/api/runs").AddEndpointFilter<ApiKeyEndpointFilter>();
        runs.MapPost("/", async (HttpRequest request, RunsApi api, PublicBaseUri publicBase, IOptions<ApiOptions> options, CancellationToken ct) =>
        {
            var (body, problem) = await JsonBody.ReadAsync(request, options.Value.MaxJsonBodyBytes, ct);
            return (problem ?? await api.StartAsync(publicBase.For(request), Encoding.UTF8.GetString(body.Span), HttpTrigger, ct)).ToHttpResult();
        });
        runs.MapGet("/", async (HttpRequest request, RunsApi api, CancellationToken ct) =>
            (await api.ListAsync(request.Query["runtimeStatus"], request.Query["top"], request.Query["continuationToken"], ct)).ToHttpResult());
        runs.MapGet("/{id}", async (string id, HttpRequest request, RunsApi api, PublicBaseUri publicBase, CancellationToken ct) =>
            (await api.GetAsync(publicBase.For(request), id, ct)).ToHttpResult());
        runs.MapGet("/{id}/problems", async (string id, HttpRequest request, RunsApi api, CancellationToken ct) =>
            (await api.ProblemsAsync(id, request.Query["top"], ct)).ToHttpResult());
        runs.MapPost("/{id}/terminate", async (string id, HttpRequest request, RunsApi api, CancellationToken ct) =>
            (await api.TerminateAsync(id, request.Query["reason"], ct)).ToHttpResult());
        runs.MapDelete("/{id}", async (string id, RunsApi api, CancellationToken ct) =>
            (await api.PurgeAsync(id, ct)).ToHttpResult());
        return endpoints;
    }
}
