using DurableTask.Core;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using CoreFailureDetails = DurableTask.Core.FailureDetails;

namespace DriveSync.DurableEngine;

/// <summary>Conversions between DTFx's and the SDK's status and failure types (same names, different enums).</summary>
#pragma warning disable CS0618 // The SDK marks Canceled and ContinuedAsNew obsolete; DTFx still reports them.
internal static class RuntimeStatusMapping
{
    /// <summary>Statuses of an instance that is still alive: a start with the same id must not replace it.</summary>
    public static readonly IReadOnlyList<OrchestrationStatus> Live =
        [OrchestrationStatus.Pending, OrchestrationStatus.Running, OrchestrationStatus.ContinuedAsNew, OrchestrationStatus.Suspended];

    /// <summary>Terminal statuses: the only ones that may be purged.</summary>
    public static readonly IReadOnlyList<OrchestrationStatus> Terminal =
        [OrchestrationStatus.Completed, OrchestrationStatus.Failed, OrchestrationStatus.Terminated, OrchestrationStatus.Canceled];

    /// <summary>True for a status the instance never leaves by itself (completed, failed, terminated, canceled).</summary>
    public static bool IsTerminal(this OrchestrationRuntimeStatus status) =>
        status is OrchestrationRuntimeStatus.Completed or OrchestrationRuntimeStatus.Failed
            or OrchestrationRuntimeStatus.Terminated or OrchestrationRuntimeStatus.Canceled;

    public static OrchestrationRuntimeStatus ToSdk(this OrchestrationStatus status) => status switch
    {
        OrchestrationStatus.Running => OrchestrationRuntimeStatus.Running,
        OrchestrationStatus.Completed => OrchestrationRuntimeStatus.Completed,
        OrchestrationStatus.ContinuedAsNew => OrchestrationRuntimeStatus.ContinuedAsNew,
        OrchestrationStatus.Failed => OrchestrationRuntimeStatus.Failed,
        OrchestrationStatus.Canceled => OrchestrationRuntimeStatus.Canceled,
        OrchestrationStatus.Terminated => OrchestrationRuntimeStatus.Terminated,
        OrchestrationStatus.Pending => OrchestrationRuntimeStatus.Pending,
        OrchestrationStatus.Suspended => OrchestrationRuntimeStatus.Suspended,
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "Unknown orchestration status."),
    };

    public static OrchestrationStatus ToCore(this OrchestrationRuntimeStatus status) => status switch
    {
        OrchestrationRuntimeStatus.Running => OrchestrationStatus.Running,
        OrchestrationRuntimeStatus.Completed => OrchestrationStatus.Completed,
        OrchestrationRuntimeStatus.ContinuedAsNew => OrchestrationStatus.ContinuedAsNew,
        OrchestrationRuntimeStatus.Failed => OrchestrationStatus.Failed,
        OrchestrationRuntimeStatus.Canceled => OrchestrationStatus.Canceled,
        OrchestrationRuntimeStatus.Terminated => OrchestrationStatus.Terminated,
        OrchestrationRuntimeStatus.Pending => OrchestrationStatus.Pending,
        OrchestrationRuntimeStatus.Suspended => OrchestrationStatus.Suspended,
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "Unknown orchestration status."),
    };

    /// <summary>Parses the SDK's dedupe status names (<c>StartOrchestrationOptions.DedupeStatuses</c>).</summary>
    public static OrchestrationStatus ParseDedupeStatus(string name) =>
        Enum.TryParse<OrchestrationRuntimeStatus>(name, ignoreCase: true, out var status)
            ? status.ToCore()
            : throw new ArgumentException($"'{name}' is not an orchestration runtime status.", nameof(name));

    public static TaskFailureDetails? ToSdk(this CoreFailureDetails? details) =>
        details is null
            ? null
            : new TaskFailureDetails(details.ErrorType, details.ErrorMessage, details.StackTrace, details.InnerFailure.ToSdk(), details.Properties);
}
#pragma warning restore CS0618
