using DriveSync.Pipeline.Orchestration;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;

namespace DriveSync.Functions.Triggers;

/// <summary>
/// Fires on the schedule in the app setting <c>DriveSync:Timer:Schedule</c> (six-field NCrontab, UTC; never on
/// start-up) and starts the folder's run, or notes that the folder's run is still going: runs of a folder never overlap.
/// </summary>
public sealed partial class ScheduledRunFunction(SyncRunStarter starter, ILogger<ScheduledRunFunction> logger)
{
    /// <summary>The trigger tag of a run started on time.</summary>
    public const string OnTimeTrigger = "timer";

    /// <summary>The trigger tag of a run started late, for a schedule time the app missed while it was down.</summary>
    public const string CatchUpTrigger = "timer-catchup";

    /// <summary>Starts the scheduled run; returns what the starter did.</summary>
    [Function(FunctionNames.ScheduledRun)]
    public async Task RunAsync(
        [TimerTrigger("%" + FunctionNames.ScheduleSetting + "%", RunOnStartup = false, UseMonitor = true)] TimerInfo timer,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(timer);
        var start = await starter.StartAsync(client, new SyncRunRequest(timer.IsPastDue ? CatchUpTrigger : OnTimeTrigger), cancellationToken);
        if (start.Created)
        {
            LogStarted(start.InstanceId);
        }
        else
        {
            LogAlreadyRunning(start.InstanceId);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Scheduled run {RunId} started")]
    private partial void LogStarted(string runId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Scheduled run skipped: run {RunId} of the folder is still in progress")]
    private partial void LogAlreadyRunning(string runId);
}
