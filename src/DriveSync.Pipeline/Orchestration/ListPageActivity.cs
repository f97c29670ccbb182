using DriveSync.Pipeline.Runs;
using Microsoft.DurableTask;

namespace DriveSync.Pipeline.Orchestration;

/// <summary>The <see cref="PipelineTasks.ListPage"/> activity: one page of the folder into batch manifests (see <see cref="PageLister"/>).</summary>
public sealed class ListPageActivity(PageLister lister) : TaskActivity<ListPageInput, ListPageOutput>
{
    public override Task<ListPageOutput> RunAsync(TaskActivityContext context, ListPageInput input) =>
        lister.ListAsync(input, CancellationToken.None);
}
