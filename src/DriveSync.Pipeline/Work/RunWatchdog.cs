using DriveSync.Pipeline.Ports;
using DriveSync.Pipeline.State;
using Microsoft.Extensions.Logging;

namespace DriveSync.Pipeline.Work;

/// <summary>
/// Restarts the coordinator of any recent run that is not finished and whose checkpoint has not changed
/// for <c>StalledRunAfter</c> (its process died, or its Step message was lost), by sending a Step
/// message with the checkpoint's current sequence. Called by <see cref="RunWorker"/> and by timers.
/// </summary>
public sealed class RunWatchdog(IBlobStore blobs, IWorkQueue queue, CheckpointStore checkpoints, PipelineOptions options, TimeProvider time, ILogger<RunWatchdog> logger)
{
    private const int RecentRuns = 20;

    /// <summary>Sends a Step message to each stalled recent run; returns how many were sent.</summary>
    public async Task<int> TickAsync(CancellationToken cancellationToken)
    {
        var page = await blobs.ListAsync(options.StateContainer, StatePaths.IndexPrefix, null, RecentRuns, cancellationToken);
        var kicked = 0;
        foreach (var name in page.Names)
        {
            var checkpoint = await checkpoints.LoadAsync(StatePaths.RunIdFromIndex(name), cancellationToken);
            if (checkpoint is null || checkpoint.IsTerminal || time.GetUtcNow() - checkpoint.LastUpdatedTime < options.StalledRunAfter)
                continue;
            await queue.SendAsync(WorkMessage.Step(checkpoint.RunId, checkpoint.StepSeq).ToText(), TimeSpan.Zero, cancellationToken);
            logger.LogInformation("Run {RunId} looked stalled; sent coordinator step {Seq}", checkpoint.RunId, checkpoint.StepSeq);
            kicked++;
        }
        return kicked;
    }
}
