using DriveSync.Pipeline.Orchestration;
using DriveSync.Pipeline.Runs;
using Microsoft.DurableTask.Client;

namespace DriveSync.Host.Runs;

/// <summary>A run as the engine reports it: its instance, its progress (custom status) and, once finished, its summary (output).</summary>
public sealed record RunView(string Id, RuntimeStatus RuntimeStatus, RunProgress? Progress, RunSummary? Summary, DateTimeOffset CreatedAt,
    DateTimeOffset LastUpdatedAt, string? FailureMessage)
{
    /// <summary>Whether the run reached Completed, Failed or Terminated.</summary>
    public bool IsFinished => RuntimeStatus is RuntimeStatus.Completed or RuntimeStatus.Failed or RuntimeStatus.Terminated;

    /// <summary>The view of a SyncFolder instance (its inputs and outputs fetched).</summary>
    public static RunView From(OrchestrationMetadata instance)
    {
        ArgumentNullException.ThrowIfNull(instance);
        RunSummary? summary = instance.RuntimeStatus == OrchestrationRuntimeStatus.Completed ? instance.ReadOutputAs<RunSummary>() : null;
        var status = Map(instance.RuntimeStatus);
        if (summary is { Status: RunPhase.Terminated })
            status = RuntimeStatus.Terminated;
        else if (summary is { Status: RunPhase.Failed })
            status = RuntimeStatus.Failed;
        return new RunView(instance.InstanceId, status, instance.ReadCustomStatusAs<RunProgress>(), summary, instance.CreatedAt, instance.LastUpdatedAt,
            instance.FailureDetails?.ErrorMessage);
    }

    /// <summary>The engine's runtime status in the run's five states.</summary>
    public static RuntimeStatus Map(OrchestrationRuntimeStatus status) => status switch
    {
        OrchestrationRuntimeStatus.Pending => RuntimeStatus.Pending,
        OrchestrationRuntimeStatus.Completed => RuntimeStatus.Completed,
        OrchestrationRuntimeStatus.Failed => RuntimeStatus.Failed,
        OrchestrationRuntimeStatus.Terminated => RuntimeStatus.Terminated,
        _ => RuntimeStatus.Running,
    };
}
