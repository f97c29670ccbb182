using Microsoft.DurableTask.Client;

namespace DriveSync.Host.Api.Durable;

/// <summary>Maps Durable Functions' instance routes under <see cref="ManagementUris.InstancesPath"/>, behind the API key.</summary>
public static class DurableInstancesEndpoints
{
    /// <summary>Maps list, status, terminate, purge and raise event.</summary>
    public static IEndpointRouteBuilder MapDurableInstances(this IEndpointRouteBuilder endpoints)
    {
        var instances = endpoints.MapGroup(ManagementUris.InstancesPath).AddEndpointFilter<ApiKeyEndpointFilter>();
        instances.MapGet("/", async (HttpRequest request, DurableInstancesApi api, CancellationToken ct) =>
            (await api.ListAsync(request, Client(request), ct)).ToHttpResult());
        instances.MapGet("/{instanceId}", async (string instanceId, HttpRequest request, DurableInstancesApi api, CancellationToken ct) =>
            (await api.GetAsync(request, Client(request), instanceId, ct)).ToHttpResult());
        instances.MapDelete("/{instanceId}", async (string instanceId, HttpRequest request, DurableInstancesApi api, CancellationToken ct) =>
            (await api.PurgeAsync(Client(request), instanceId, ct)).ToHttpResult());
        instances.MapPost("/{instanceId}/terminate", async (string instanceId, HttpRequest request, DurableInstancesApi api, CancellationToken ct) =>
            (await api.TerminateAsync(Client(request), instanceId, request.Query["reason"], ct)).ToHttpResult());
        instances.MapPost("/{instanceId}/raiseEvent/{eventName}", async (string instanceId, string eventName, HttpRequest request, DurableInstancesApi api, CancellationToken ct) =>
            (await api.RaiseEventAsync(request, Client(request), instanceId, eventName, ct)).ToHttpResult());
        return endpoints;
    }

    /// <summary>
    /// The engine's client, resolved only once the key filter let the request through (a parameter would be bound
    /// before the filter runs, so an unauthenticated caller could learn whether the engine is up).
    /// </summary>
    private static DurableTaskClient Client(HttpRequest request) => request.HttpContext.RequestServices.GetRequiredService<DurableTaskClient>();
}
