using DriveSync.Pipeline.Orchestration;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Microsoft.Extensions.DependencyInjection;

namespace DriveSync.Functions.Orchestration;

/// <summary>
/// The SyncFolder orchestration and its three activities as Durable Functions, under the names
/// <see cref="PipelineTasks"/> registers for <c>drivesync</c>. Each wrapper only hands over to the very class the
/// embedded engine and the tests run (written by hand: the Durable Task source generator is not available here).
/// </summary>
public static class SyncFolderFunctions
{
    /// <summary>One run of the folder: <see cref="SyncFolderOrchestrator"/>, a fresh instance per episode.</summary>
    [Function(PipelineTasks.SyncFolder)]
    public static Task<RunSummary> SyncFolder([OrchestrationTrigger] TaskOrchestrationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return new SyncFolderOrchestrator().RunAsync(context, context.GetInput<SyncFolderInput>()!);
    }

    /// <summary>Lists one page of the folder: <see cref="ListPageActivity"/>.</summary>
    [Function(PipelineTasks.ListPage)]
    public static Task<ListPageOutput> ListPage([ActivityTrigger] ListPageInput input, string instanceId, FunctionContext executionContext) =>
        RunActivity<ListPageActivity, ListPageInput, ListPageOutput>(PipelineTasks.ListPage, input, instanceId, executionContext);

    /// <summary>Downloads, sanitizes and uploads one batch: <see cref="ProcessBatchActivity"/>.</summary>
    [Function(PipelineTasks.ProcessBatch)]
    public static Task<BatchOutcome> ProcessBatch([ActivityTrigger] ProcessBatchInput input, string instanceId, FunctionContext executionContext) =>
        RunActivity<ProcessBatchActivity, ProcessBatchInput, BatchOutcome>(PipelineTasks.ProcessBatch, input, instanceId, executionContext);

    /// <summary>Writes the run's artefacts: <see cref="FinalizeRunActivity"/>.</summary>
    [Function(PipelineTasks.FinalizeRun)]
    public static Task<RunSummary> FinalizeRun([ActivityTrigger] FinalizeRunInput input, string instanceId, FunctionContext executionContext) =>
        RunActivity<FinalizeRunActivity, FinalizeRunInput, RunSummary>(PipelineTasks.FinalizeRun, input, instanceId, executionContext);

    /// <summary>Builds <typeparamref name="TActivity"/> from the invocation's services and runs it.</summary>
    internal static Task<TOutput> RunActivity<TActivity, TInput, TOutput>(string name, TInput input, string instanceId, FunctionContext executionContext)
        where TActivity : TaskActivity<TInput, TOutput>
    {
        ArgumentNullException.ThrowIfNull(executionContext);
        var activity = ActivatorUtilities.GetServiceOrCreateInstance<TActivity>(executionContext.InstanceServices);
        return activity.RunAsync(new FunctionActivityContext(name, instanceId), input);
    }
}
