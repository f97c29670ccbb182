using Microsoft.DurableTask;

namespace DriveSync.Pipeline.Orchestration;

/// <summary>The <see cref="PipelineTasks.ListPage"/> activity.</summary>
public sealed class ListPageActivity : TaskActivity<ListPageInput, ListPageOutput>
{
    public override Task<ListPageOutput> RunAsync(TaskActivityContext context, ListPageInput input) =>
        throw new NotSupportedException("Filled in by the next commit.");
}
