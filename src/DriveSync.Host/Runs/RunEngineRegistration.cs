using DriveSync.DurableEngine;
using DriveSync.Pipeline.Orchestration;
using DriveSync.Pipeline.Wiring;

namespace DriveSync.Host.Runs;

/// <summary>How the CLI's verbs get runs: the pipeline's services and the embedded Durable Task engine hosting its tasks.</summary>
public static class RunEngineRegistration
{
    /// <summary>
    /// Registers the pipeline (<see cref="SyncRunStarter"/>, <see cref="RunProblemsReader"/>, the activities' services) and
    /// the embedded engine: with <paramref name="runWork"/> the worker that runs SyncFolder and its activities on this
    /// process and the <c>DurableTaskClient</c>; without, the client only.
    /// </summary>
    public static IServiceCollection AddDriveSyncRuns(this IServiceCollection services, IConfiguration configuration, bool runWork = true)
    {
        services.AddDriveSyncPipeline(configuration);
        if (runWork)
        {
            services.AddEmbeddedDurableEngine(configuration, registry => registry.AddPipelineTasks());
        }
        else
        {
            services.AddEmbeddedDurableTaskClient(configuration);
        }

        return services;
    }
}
