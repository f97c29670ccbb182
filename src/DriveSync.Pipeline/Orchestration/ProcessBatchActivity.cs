using Microsoft.DurableTask;

namespace DriveSync.Pipeline.Orchestration;

/// <summary>The <see cref="PipelineTasks.ProcessBatch"/> activity.</summary>
public sealed class ProcessBatchActivity : TaskActivity<ProcessBatchInput, BatchOutcome>
{
    public override Task<BatchOutcome> RunAsync(TaskActivityContext context, ProcessBatchInput input) =>
        throw new NotSupportedException("Filled in by the next commit.");
}
