using DriveSync.Pipeline.Runs;
using Microsoft.DurableTask;

namespace DriveSync.Pipeline.Orchestration;

/// <summary>The <see cref="PipelineTasks.FinalizeRun"/> activity: the run's manifest, ledger, changes token, post-action and summary (see <see cref="RunFinalizer"/>).</summary>
public sealed class FinalizeRunActivity(RunFinalizer finalizer) : TaskActivity<FinalizeRunInput, RunSummary>
{
    public override Task<RunSummary> RunAsync(TaskActivityContext context, FinalizeRunInput input) =>
        finalizer.FinalizeAsync(input, CancellationToken.None);
}
