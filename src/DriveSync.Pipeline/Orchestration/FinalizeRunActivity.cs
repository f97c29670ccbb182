using Microsoft.DurableTask;

namespace DriveSync.Pipeline.Orchestration;

/// <summary>The <see cref="PipelineTasks.FinalizeRun"/> activity.</summary>
public sealed class FinalizeRunActivity : TaskActivity<FinalizeRunInput, RunSummary>
{
    public override Task<RunSummary> RunAsync(TaskActivityContext context, FinalizeRunInput input) =>
        throw new NotSupportedException("Filled in by the next commit.");
}
