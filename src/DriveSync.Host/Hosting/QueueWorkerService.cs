using DriveSync.Pipeline.Work;

namespace DriveSync.Host.Hosting;

/// <summary>Runs the pipeline's queue worker (batches, coordinator steps, stalled-run watchdog) for the life of <c>serve</c>.</summary>
public sealed class QueueWorkerService(RunWorker worker) : BackgroundService
{
    /// <inheritdoc />
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => worker.RunAsync(stoppingToken);
}
