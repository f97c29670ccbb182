using DurableTask.AzureStorage;
using DurableTask.AzureStorage.Tracking;
using DurableTask.Core;
using DurableTask.Core.Exceptions;
using DurableTask.Core.History;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using CoreOrchestrationState = DurableTask.Core.OrchestrationState;
using PurgeResult = Microsoft.DurableTask.Client.PurgeResult;

namespace DriveSync.DurableEngine;

/// <summary>
/// The SDK's <see cref="DurableTaskClient"/> over the embedded engine: DTFx's <see cref="TaskHubClient"/> and the Azure
/// Storage backend's own query and purge clients, talking to the task hub directly (no sidecar).
/// <para>
/// Starting with an instance id is race-free: by default an instance that is Pending, Running or Suspended is never
/// replaced (<see cref="OrchestrationAlreadyExistsException"/>). The backend arbitrates concurrent starts with a
/// conditional write of the instance row and drops the loser's start message; this client tags each start with a
/// fresh token and reads the row back, so the loser learns it lost and throws the same exception.
/// </para>
/// </summary>
public sealed class EmbeddedDurableTaskClient : DurableTaskClient
{
    /// <summary>The tag holding the start token that tells concurrent starters apart.</summary>
    internal const string StartTokenTag = "DriveSync.StartToken";

    private static readonly TimeSpan FirstPoll = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan LongestPoll = TimeSpan.FromSeconds(1);

    private readonly AzureStorageOrchestrationService _service;
    private readonly TaskHubClient _hub;
    private readonly EngineDataConverter _converter;
    private readonly TimeProvider _time;

    internal EmbeddedDurableTaskClient(
        AzureStorageOrchestrationService service, EngineDataConverter converter, TimeProvider time, ILoggerFactory loggerFactory)
        : base("embedded")
    {
        _service = service;
        _converter = converter;
        _time = time;
        _hub = new TaskHubClient(service, converter, loggerFactory);
    }

    /// <inheritdoc />
    public override async Task<string> ScheduleNewOrchestrationInstanceAsync(
        TaskName orchestratorName, object? input = null, StartOrchestrationOptions? options = null, CancellationToken cancellation = default)
    {
        cancellation.ThrowIfCancellationRequested();
        var instanceId = options?.InstanceId ?? Guid.NewGuid().ToString("N");
        var token = Guid.NewGuid().ToString("N");
        var instance = new OrchestrationInstance { InstanceId = instanceId, ExecutionId = Guid.NewGuid().ToString("N") };
        var tags = new Dictionary<string, string>(options?.Tags ?? new Dictionary<string, string>(), StringComparer.Ordinal)
        {
            [StartTokenTag] = token,
        };
        var started = new ExecutionStartedEvent(-1, _converter.Inner.Serialize(input))
        {
            Name = orchestratorName.Name,
            Version = options?.Version?.Version ?? string.Empty,
            OrchestrationInstance = instance,
            ScheduledStartTime = options?.StartAt?.UtcDateTime,
            Tags = tags,
        };

        await _service.CreateTaskOrchestrationAsync(
            new TaskMessage { OrchestrationInstance = instance, Event = started }, DedupeStatuses(options)).ConfigureAwait(false);

        var row = await ReadStateAsync(instanceId, fetchInputs: false).ConfigureAwait(false);
        if (row?.Tags is { } rowTags && rowTags.TryGetValue(StartTokenTag, out var winner) && !string.Equals(winner, token, StringComparison.Ordinal))
        {
            throw new OrchestrationAlreadyExistsException(
                $"An orchestration with instance ID '{instanceId}' was started by a concurrent request.");
        }

        return instanceId;
    }

    /// <inheritdoc />
    public override Task RaiseEventAsync(string instanceId, string eventName, object? eventPayload = null, CancellationToken cancellation = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        ArgumentException.ThrowIfNullOrEmpty(eventName);
        cancellation.ThrowIfCancellationRequested();
        return _hub.RaiseEventAsync(new OrchestrationInstance { InstanceId = instanceId }, eventName, eventPayload!);
    }

    /// <inheritdoc />
    public override async Task TerminateInstanceAsync(string instanceId, TerminateInstanceOptions? options = null, CancellationToken cancellation = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        var current = await RequireStateAsync(instanceId, cancellation).ConfigureAwait(false);
        if (current.RuntimeStatus.IsTerminal())
        {
            return;
        }

        await _hub.TerminateInstanceAsync(new OrchestrationInstance { InstanceId = instanceId }, _converter.Inner.Serialize(options?.Output) ?? string.Empty).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public override Task SuspendInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellation = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        cancellation.ThrowIfCancellationRequested();
        return _hub.SuspendInstanceAsync(new OrchestrationInstance { InstanceId = instanceId }, reason);
    }

    /// <inheritdoc />
    public override Task ResumeInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellation = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        cancellation.ThrowIfCancellationRequested();
        return _hub.ResumeInstanceAsync(new OrchestrationInstance { InstanceId = instanceId }, reason);
    }

    /// <inheritdoc />
    public override async Task<OrchestrationMetadata?> GetInstancesAsync(
        string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        cancellation.ThrowIfCancellationRequested();
        var state = await ReadStateAsync(instanceId, getInputsAndOutputs).ConfigureAwait(false);
        return state is null ? null : ToMetadata(state, getInputsAndOutputs);
    }

    /// <inheritdoc />
    public override AsyncPageable<OrchestrationMetadata> GetAllInstancesAsync(OrchestrationQuery? filter = null) =>
        Pageable.Create<OrchestrationMetadata>(async (continuation, pageSize, cancellation) =>
        {
            var fetch = filter?.FetchInputsAndOutputs ?? false;
            var condition = new OrchestrationInstanceStatusQueryCondition
            {
                RuntimeStatus = filter?.Statuses?.Select(s => s.ToCore()).ToList(),
                CreatedTimeFrom = filter?.CreatedFrom?.UtcDateTime ?? default,
                CreatedTimeTo = filter?.CreatedTo?.UtcDateTime ?? default,
                TaskHubNames = filter?.TaskHubNames?.ToList(),
                InstanceIdPrefix = filter?.InstanceIdPrefix,
                FetchInput = fetch,
                FetchOutput = fetch,
                ExcludeEntities = true,
            };
            var top = pageSize ?? filter?.PageSize ?? OrchestrationQuery.DefaultPageSize;
            var result = await _service.GetOrchestrationStateAsync(condition, top, continuation ?? filter?.ContinuationToken, cancellation)
                .ConfigureAwait(false);
            var items = result.OrchestrationState.Select(s => ToMetadata(s, fetch)).ToList();
            return new Page<OrchestrationMetadata>(items, string.IsNullOrEmpty(result.ContinuationToken) ? null : result.ContinuationToken);
        });

    /// <summary>The history of the instance's current execution (since its last ContinueAsNew), oldest event first.</summary>
    public override async Task<IList<HistoryEvent>> GetOrchestrationHistoryAsync(string instanceId, CancellationToken cancellation = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        cancellation.ThrowIfCancellationRequested();
        var state = await ReadStateAsync(instanceId, fetchInputs: false).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"No orchestration instance '{instanceId}' exists in this task hub.");
        var json = await _service.GetOrchestrationHistoryAsync(instanceId, state.OrchestrationInstance.ExecutionId).ConfigureAwait(false);
        return StoredHistory.Read(json);
    }

    /// <inheritdoc />
    public override async Task<OrchestrationMetadata> WaitForInstanceStartAsync(
        string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default) =>
        await PollAsync(instanceId, getInputsAndOutputs, m => m.RuntimeStatus != OrchestrationRuntimeStatus.Pending, cancellation).ConfigureAwait(false);

    /// <inheritdoc />
    public override async Task<OrchestrationMetadata> WaitForInstanceCompletionAsync(
        string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default) =>
        await PollAsync(instanceId, getInputsAndOutputs, m => m.RuntimeStatus.IsTerminal(), cancellation).ConfigureAwait(false);

    /// <inheritdoc />
    public override async Task<PurgeResult> PurgeInstanceAsync(
        string instanceId, PurgeInstanceOptions? options = null, CancellationToken cancellation = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        var current = await GetInstancesAsync(instanceId, getInputsAndOutputs: false, cancellation).ConfigureAwait(false);
        if (current is null)
        {
            return new PurgeResult(0);
        }

        if (!current.RuntimeStatus.IsTerminal())
        {
            throw new InvalidOperationException(
                $"Only a finished orchestration can be purged; instance '{instanceId}' is {current.RuntimeStatus}.");
        }

        var result = await ((IOrchestrationServicePurgeClient)_service).PurgeInstanceStateAsync(instanceId).ConfigureAwait(false);
        return new PurgeResult(result.DeletedInstanceCount);
    }

    /// <summary>
    /// Purges the finished instances that match <paramref name="filter"/>: its statuses (default every terminal status;
    /// live statuses are refused) created in its time window. This backend purges by a filter of the instances table,
    /// not by a time range of the history (DTFx's time-range purge is unsupported here).
    /// </summary>
    public override async Task<PurgeResult> PurgeAllInstancesAsync(
        PurgeInstancesFilter filter, PurgeInstanceOptions? options = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        cancellation.ThrowIfCancellationRequested();
        var statuses = filter.Statuses?.Select(s => s.ToCore()).ToList() ?? [.. RuntimeStatusMapping.Terminal];
        if (statuses.Any(s => !RuntimeStatusMapping.Terminal.Contains(s)))
        {
            throw new ArgumentException("Only finished orchestrations can be purged: use Completed, Failed, Terminated or Canceled.", nameof(filter));
        }

        var coreFilter = new PurgeInstanceFilter(
            filter.CreatedFrom?.UtcDateTime ?? DateTime.MinValue, filter.CreatedTo?.UtcDateTime, statuses);
        var result = await ((IOrchestrationServicePurgeClient)_service).PurgeInstanceStateAsync(coreFilter).ConfigureAwait(false);
        return new PurgeResult(result.DeletedInstanceCount);
    }

    /// <inheritdoc />
    public override ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private static OrchestrationStatus[] DedupeStatuses(StartOrchestrationOptions? options) =>
        options?.DedupeStatuses is { } names
            ? [.. names.Select(RuntimeStatusMapping.ParseDedupeStatus).Distinct()]
            : [.. RuntimeStatusMapping.Live];

    private async Task<CoreOrchestrationState?> ReadStateAsync(string instanceId, bool fetchInputs)
    {
        var states = await _service.GetOrchestrationStateAsync(instanceId, allExecutions: false, fetchInput: fetchInputs).ConfigureAwait(false);
        return states?.FirstOrDefault(s => s is not null);
    }

    private async Task<OrchestrationMetadata> RequireStateAsync(string instanceId, CancellationToken cancellation) =>
        await GetInstancesAsync(instanceId, getInputsAndOutputs: false, cancellation).ConfigureAwait(false)
        ?? throw new InvalidOperationException($"No orchestration instance '{instanceId}' exists in this task hub.");

    private async Task<OrchestrationMetadata> PollAsync(
        string instanceId, bool getInputsAndOutputs, Func<OrchestrationMetadata, bool> done, CancellationToken cancellation)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        var delay = FirstPoll;
        while (true)
        {
            var current = await RequireStateAsync(instanceId, cancellation).ConfigureAwait(false);
            if (done(current))
            {
                return getInputsAndOutputs
                    ? await GetInstancesAsync(instanceId, getInputsAndOutputs: true, cancellation).ConfigureAwait(false) ?? current
                    : current;
            }

            await Task.Delay(delay, _time, cancellation).ConfigureAwait(false);
            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, LongestPoll.Ticks));
        }
    }

    /// <summary>An orchestration that never set a custom status stores nothing or JSON <c>null</c>: both read as none.</summary>
    private static bool NoCustomStatus(string? status) => string.IsNullOrWhiteSpace(status) || status.Trim() == "null";

    /// <summary>
    /// The Azure Storage backend keeps a failed instance's failure as "ErrorType: message" in its output column (it is
    /// read only when outputs are fetched or for a single instance); this turns it back into failure details.
    /// </summary>
    private static TaskFailureDetails? StoredFailure(CoreOrchestrationState state)
    {
        if (state.OrchestrationStatus != OrchestrationStatus.Failed || string.IsNullOrEmpty(state.Output))
        {
            return null;
        }

        var split = state.Output.IndexOf(": ", StringComparison.Ordinal);
        return split > 0
            ? new TaskFailureDetails(state.Output[..split], state.Output[(split + 2)..], null, null, null)
            : new TaskFailureDetails(string.Empty, state.Output, null, null, null);
    }

    private OrchestrationMetadata ToMetadata(CoreOrchestrationState state, bool withInputsAndOutputs) =>
        new(state.Name, state.OrchestrationInstance.InstanceId)
        {
            DataConverter = _converter.Inner,
            RuntimeStatus = state.OrchestrationStatus.ToSdk(),
            CreatedAt = new DateTimeOffset(DateTime.SpecifyKind(state.CreatedTime, DateTimeKind.Utc)),
            LastUpdatedAt = new DateTimeOffset(DateTime.SpecifyKind(state.LastUpdatedTime, DateTimeKind.Utc)),
            SerializedInput = withInputsAndOutputs ? state.Input : null,
            SerializedOutput = withInputsAndOutputs && state.OrchestrationStatus != OrchestrationStatus.Failed ? state.Output : null,
            SerializedCustomStatus = NoCustomStatus(state.Status) ? null : state.Status,
            FailureDetails = state.FailureDetails.ToSdk() ?? StoredFailure(state),
            Tags = state.Tags is null
                ? new Dictionary<string, string>()
                : state.Tags.Where(t => t.Key != StartTokenTag).ToDictionary(t => t.Key, t => t.Value, StringComparer.Ordinal),
        };
}
