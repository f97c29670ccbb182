using DriveSync.Pipeline;
using DriveSync.Pipeline.Storage;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace DriveSync.Host.Hosting;

/// <summary>
/// <c>/healthz/ready</c>: 200 when the storage account answers and accepts the credentials, 503 otherwise (with the
/// kind of problem, not the endpoint or the setting, since the route is open). <c>/healthz</c> stays liveness only.
/// </summary>
public static class StorageReadinessEndpoints
{
    /// <summary>The readiness route.</summary>
    public const string Route = "/healthz/ready";

    /// <summary>Registers the storage health check.</summary>
    public static IServiceCollection AddStorageReadiness(this IServiceCollection services)
    {
        services.AddHealthChecks().AddCheck<StorageHealthCheck>("storage");
        return services;
    }

    /// <summary>Maps <see cref="Route"/>.</summary>
    public static IEndpointRouteBuilder MapStorageReadiness(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHealthChecks(Route, new HealthCheckOptions
        {
            ResponseWriter = (context, report) => context.Response.WriteAsJsonAsync(new
            {
                status = report.Status.ToString(),
                checks = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString(), problem = e.Value.Description }),
            }),
        });
        return endpoints;
    }

    private sealed class StorageHealthCheck(StorageReadiness readiness, PipelineOptions pipeline) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            var problems = await readiness.CheckAsync(pipeline.StateContainer, cancellationToken);
            return problems.Count == 0
                ? HealthCheckResult.Healthy()
                : HealthCheckResult.Unhealthy(string.Join(", ", problems.Select(p => p.Kind.ToString()).Distinct()));
        }
    }
}
