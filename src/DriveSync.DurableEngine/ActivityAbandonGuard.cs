using DurableTask.Core;
using Microsoft.Extensions.Logging;

namespace DriveSync.DurableEngine;

/// <summary>
/// The backend as the DTFx worker sees it, with one change: abandoning an activity work item is repeated until it
/// succeeds (or the worker stops). DTFx's Azure Storage backend forgets an activity's session only when the abandon
/// call succeeds; if it fails (storage unreachable), that process keeps the session and drops every redelivery of the
/// message as "processed multiple times concurrently" (Azure/durabletask issue 1173), so the activity never runs
/// again in that process. Once storage answers, the repeated abandon either releases the message or finds it
/// redelivered (404, which the backend takes as done), and either way forgets the session.
/// Each attempt is one storage call with the Azure SDK's own retries; this loop only outlasts the outage.
/// Everything else passes through unchanged. <see cref="Stop"/> ends any such loop (the message then reappears after its
/// visibility timeout, for any process).
/// </summary>
internal sealed partial class ActivityAbandonGuard(
    IOrchestrationService inner, TimeProvider clock, ILogger<ActivityAbandonGuard> logger) : IOrchestrationService, IDisposable
{
    /// <summary>The first wait after a failed abandon; doubled after each failure up to <see cref="MaxDelay"/>.</summary>
    internal static readonly TimeSpan FirstDelay = TimeSpan.FromSeconds(1);

    /// <summary>The longest wait between two abandon attempts.</summary>
    internal static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(15);

    private readonly CancellationTokenSource _stopping = new();

    public int TaskOrchestrationDispatcherCount => inner.TaskOrchestrationDispatcherCount;

    public int MaxConcurrentTaskOrchestrationWorkItems => inner.MaxConcurrentTaskOrchestrationWorkItems;

    public BehaviorOnContinueAsNew EventBehaviourForContinueAsNew => inner.EventBehaviourForContinueAsNew;

    public int TaskActivityDispatcherCount => inner.TaskActivityDispatcherCount;

    public int MaxConcurrentTaskActivityWorkItems => inner.MaxConcurrentTaskActivityWorkItems;

    public async Task AbandonTaskActivityWorkItemAsync(TaskActivityWorkItem workItem)
    {
        var delay = FirstDelay;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await inner.AbandonTaskActivityWorkItemAsync(workItem).ConfigureAwait(false);
                return;
            }
            catch (Exception exception) when (!_stopping.IsCancellationRequested)
            {
                AbandonFailed(logger, attempt, exception.GetType().Name, delay.TotalSeconds);
            }

            try
            {
                await Task.Delay(delay, clock, _stopping.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            delay = delay * 2 < MaxDelay ? delay * 2 : MaxDelay;
        }
    }

    /// <summary>Ends every abandon loop; call before stopping the worker.</summary>
    public void Stop() => _stopping.Cancel();

    public void Dispose() => _stopping.Dispose();

    public Task StartAsync() => inner.StartAsync();

    public Task StopAsync() => inner.StopAsync();

    public Task StopAsync(bool isForced) => inner.StopAsync(isForced);

    public Task CreateAsync() => inner.CreateAsync();

    public Task CreateAsync(bool recreateInstanceStore) => inner.CreateAsync(recreateInstanceStore);

    public Task CreateIfNotExistsAsync() => inner.CreateIfNotExistsAsync();

    public Task DeleteAsync() => inner.DeleteAsync();

    public Task DeleteAsync(bool deleteInstanceStore) => inner.DeleteAsync(deleteInstanceStore);

    public bool IsMaxMessageCountExceeded(int currentMessageCount, OrchestrationRuntimeState runtimeState) =>
        inner.IsMaxMessageCountExceeded(currentMessageCount, runtimeState);

    public int GetDelayInSecondsAfterOnProcessException(Exception exception) => inner.GetDelayInSecondsAfterOnProcessException(exception);

    public int GetDelayInSecondsAfterOnFetchException(Exception exception) => inner.GetDelayInSecondsAfterOnFetchException(exception);

    public Task<TaskOrchestrationWorkItem> LockNextTaskOrchestrationWorkItemAsync(TimeSpan receiveTimeout, CancellationToken cancellationToken) =>
        inner.LockNextTaskOrchestrationWorkItemAsync(receiveTimeout, cancellationToken);

    public Task RenewTaskOrchestrationWorkItemLockAsync(TaskOrchestrationWorkItem workItem) => inner.RenewTaskOrchestrationWorkItemLockAsync(workItem);

    public Task CompleteTaskOrchestrationWorkItemAsync(
        TaskOrchestrationWorkItem workItem,
        OrchestrationRuntimeState newOrchestrationRuntimeState,
        IList<TaskMessage> outboundMessages,
        IList<TaskMessage> orchestratorMessages,
        IList<TaskMessage> timerMessages,
        TaskMessage continuedAsNewMessage,
        OrchestrationState orchestrationState) =>
        inner.CompleteTaskOrchestrationWorkItemAsync(
            workItem, newOrchestrationRuntimeState, outboundMessages, orchestratorMessages, timerMessages, continuedAsNewMessage, orchestrationState);

    public Task AbandonTaskOrchestrationWorkItemAsync(TaskOrchestrationWorkItem workItem) => inner.AbandonTaskOrchestrationWorkItemAsync(workItem);

    public Task ReleaseTaskOrchestrationWorkItemAsync(TaskOrchestrationWorkItem workItem) => inner.ReleaseTaskOrchestrationWorkItemAsync(workItem);

    public Task<TaskActivityWorkItem> LockNextTaskActivityWorkItem(TimeSpan receiveTimeout, CancellationToken cancellationToken) =>
        inner.LockNextTaskActivityWorkItem(receiveTimeout, cancellationToken);

    public Task<TaskActivityWorkItem> RenewTaskActivityWorkItemLockAsync(TaskActivityWorkItem workItem) => inner.RenewTaskActivityWorkItemLockAsync(workItem);

    public Task CompleteTaskActivityWorkItemAsync(TaskActivityWorkItem workItem, TaskMessage responseMessage) =>
        inner.CompleteTaskActivityWorkItemAsync(workItem, responseMessage);

    [LoggerMessage(20, LogLevel.Warning, "Abandoning an activity work item failed (attempt {Attempt}, {ErrorType}); trying again in {DelaySeconds} s")]
    private static partial void AbandonFailed(ILogger logger, int attempt, string errorType, double delaySeconds);
}
