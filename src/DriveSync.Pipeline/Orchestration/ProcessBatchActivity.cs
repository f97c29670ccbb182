using DriveSync.Pipeline.Work;
using Microsoft.DurableTask;

namespace DriveSync.Pipeline.Orchestration;

/// <summary>The <see cref="PipelineTasks.ProcessBatch"/> activity: download, sanitize and upload one batch (see <see cref="BatchProcessor"/>).</summary>
public sealed class ProcessBatchActivity(BatchProcessor batches) : TaskActivity<ProcessBatchInput, BatchOutcome>
{
    public override Task<BatchOutcome> RunAsync(TaskActivityContext context, ProcessBatchInput input) =>
        batches.ProcessAsync(input, CancellationToken.None);
}
