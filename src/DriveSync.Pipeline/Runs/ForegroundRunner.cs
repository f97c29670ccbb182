using DriveSync.Pipeline.Work;

namespace DriveSync.Pipeline.Runs;

/// <summary>
/// Runs one run to its end inside this process: starts (or joins) the source's run, works the queue
/// with a <see cref="RunWorker"/> meanwhile, and reports the status at each poll (default 250 ms).
/// Used by <c>drivesync run</c>, <c>drivesync demo</c> and the bench.
/// </summary>
public sealed class ForegroundRunner(IRunManager runs, RunWorker worker, TimeProvider time)
{
    private static readonly TimeSpan DefaultPoll = TimeSpan.FromMilliseconds(250);

    /// <summary>The run's final status (a dry run's plan returns at once).</summary>
    public async Task<RunStatus> RunAsync(RunRequest request, Action<RunStatus>? progress, CancellationToken cancellationToken, TimeSpan? pollInterval = null)
    {
        var started = await runs.StartAsync(request, cancellationToken);
        if (request.DryRun)
            return started.Run;

        using var stopWorker = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var working = worker.RunAsync(stopWorker.Token);
        try
        {
            var status = started.Run;
            while (true)
            {
                progress?.Invoke(status);
                if (status.RuntimeStatus is RuntimeStatus.Completed or RuntimeStatus.Failed or RuntimeStatus.Terminated)
                    return status;
                await Task.Delay(pollInterval ?? DefaultPoll, time, cancellationToken);
                status = await runs.GetAsync(started.Run.Id, cancellationToken)
                    ?? throw new InvalidOperationException($"Run {started.Run.Id} disappeared (purged?).");
            }
        }
        finally
        {
            await stopWorker.CancelAsync();
            await working;
        }
    }
}
