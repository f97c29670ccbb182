using DriveSync.Pipeline.Orchestration;
using Microsoft.DurableTask.Client;

namespace DriveSync.Host.Runs;

/// <summary>
/// Starts (or joins) the folder's run through the engine's client and follows it to its end, reporting its view at each
/// poll (default 250 ms). The engine's worker in this process (and any other on the task hub) does the work.
/// </summary>
public sealed class ForegroundRun(DurableTaskClient client, SyncRunStarter starter, TimeProvider time)
{
    private static readonly TimeSpan DefaultPoll = TimeSpan.FromMilliseconds(250);

    /// <summary>The run's final view.</summary>
    public async Task<RunView> RunAsync(SyncRunRequest request, Action<RunView>? progress, CancellationToken cancellationToken, TimeSpan? pollInterval = null)
    {
        var started = await starter.StartAsync(client, request, cancellationToken);
        while (true)
        {
            var instance = await client.GetInstanceAsync(started.InstanceId, getInputsAndOutputs: true, cancellationToken);
            if (instance is not null)
            {
                var view = RunView.From(instance);
                progress?.Invoke(view);
                if (view.IsFinished)
                    return view;
            }

            await Task.Delay(pollInterval ?? DefaultPoll, time, cancellationToken);
        }
    }
}
