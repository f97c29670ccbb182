using Microsoft.AspNetCore.Mvc;
using Microsoft.DurableTask.Client;

namespace DriveSync.Host.Api.Durable;

/// <summary>Maps Durable Functions' instance routes under <see cref="ManagementUris.InstancesPath"/>, behind the API key.</summary>
public static class DurableInstancesEndpoints
{
    /// <summary>Maps list, status, terminate, purge and raise event.</summary>
    public static IEndpointRouteBuilder MapDurableInstances(this IEndpointRouteBuilder endpoints)
    {
        var instances = endpoints.MapGroup(ManagementUris.InstancesPath).AddEndpointFilter<ApiKeyEndpointFilter>();
        instances.MapGet("/", async (HttpRequest request, DurableInstancesApi api, [FromServices] DurableTaskClient client, CancellationToken ct) =>
            (await api.ListAsync(request, client, ct)).ToHttpResult());
        instances.MapGet("/{instanceId}", async (string instanceId, HttpRequest request, DurableInstancesApi api, [FromServices] DurableTaskClient client, CancellationToken ct) =>
            (await api.GetAsync(request, client, instanceId, ct)).ToHttpResult());
        instances.MapDelete("/{instanceId}", async (string instanceId, DurableInstancesApi api, [FromServices] DurableTaskClient client, CancellationToken ct) =>
            (await api.PurgeAsync(client, instanceId, ct)).ToHttpResult());
        instances.MapPost("/{instanceId}/terminate", async (string instanceId, HttpRequest request, DurableInstancesApi api, [FromServices] DurableTaskClient client, CancellationToken ct) =>
            (await api.TerminateAsync(client, instanceId, request.Query["reason"], ct)).ToHttpResult());
        instances.MapPost("/{instanceId}/raiseEvent/{eventName}", async (string instanceId, string eventName, HttpRequest request, DurableInstancesApi api, [FromServices] DurableTaskClient client, CancellationToken ct) =>
            (await api.RaiseEventAsync(request, client, instanceId, eventName, ct)).ToHttpResult());
        return endpoints;
    }
}
