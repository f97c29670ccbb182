using System.Collections.Concurrent;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace DriveSync.Functions.Tests;

/// <summary>
/// A <see cref="DurableTaskClient"/> that keeps instances in memory: it records what is scheduled and answers
/// <see cref="GetInstancesAsync(string, bool, CancellationToken)"/> with the status a test set. Operations the triggers
/// never use throw.
/// </summary>
internal sealed class FakeDurableTaskClient() : DurableTaskClient("fake")
{
    private readonly ConcurrentDictionary<string, OrchestrationMetadata> instances = new(StringComparer.Ordinal);

    /// <summary>Every instance scheduled, in order: its orchestration name, id and input.</summary>
    public List<(TaskName Name, string InstanceId, object? Input)> Scheduled { get; } = [];

    /// <summary>Makes <paramref name="instanceId"/> known with <paramref name="status"/>.</summary>
    public void SetStatus(string instanceId, OrchestrationRuntimeStatus status) =>
        instances[instanceId] = new OrchestrationMetadata(PipelineName, instanceId) { RuntimeStatus = status, CreatedAt = DateTimeOffset.UnixEpoch };

    private const string PipelineName = "SyncFolder";

    public override Task<string> ScheduleNewOrchestrationInstanceAsync(
        TaskName orchestratorName, object? input = null, StartOrchestrationOptions? options = null, CancellationToken cancellation = default)
    {
        var id = options?.InstanceId ?? Guid.NewGuid().ToString("N");
        lock (Scheduled)
        {
            Scheduled.Add((orchestratorName, id, input));
        }

        instances[id] = new OrchestrationMetadata(orchestratorName.Name, id) { RuntimeStatus = OrchestrationRuntimeStatus.Pending, CreatedAt = DateTimeOffset.UnixEpoch };
        return Task.FromResult(id);
    }

    public override Task<OrchestrationMetadata?> GetInstancesAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default) =>
        Task.FromResult(instances.TryGetValue(instanceId, out var metadata) ? metadata : null);

    public override Task RaiseEventAsync(string instanceId, string eventName, object? eventPayload = null, CancellationToken cancellation = default) =>
        throw new NotSupportedException();

    public override Task<OrchestrationMetadata> WaitForInstanceStartAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default) =>
        throw new NotSupportedException();

    public override Task<OrchestrationMetadata> WaitForInstanceCompletionAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default) =>
        throw new NotSupportedException();

    public override Task TerminateInstanceAsync(string instanceId, TerminateInstanceOptions? options = null, CancellationToken cancellation = default) =>
        throw new NotSupportedException();

    public override Task SuspendInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellation = default) =>
        throw new NotSupportedException();

    public override Task ResumeInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellation = default) =>
        throw new NotSupportedException();

    public override AsyncPageable<OrchestrationMetadata> GetAllInstancesAsync(OrchestrationQuery? filter = null) =>
        throw new NotSupportedException();

    public override ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
