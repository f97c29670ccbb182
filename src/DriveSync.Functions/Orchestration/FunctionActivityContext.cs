using Microsoft.DurableTask;

namespace DriveSync.Functions.Orchestration;

/// <summary>The <see cref="TaskActivityContext"/> a class-based activity sees when a Durable Function runs it.</summary>
internal sealed class FunctionActivityContext(TaskName name, string instanceId) : TaskActivityContext
{
    /// <inheritdoc />
    public override TaskName Name => name;

    /// <inheritdoc />
    public override string InstanceId => instanceId;
}
