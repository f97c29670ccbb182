using Microsoft.DurableTask;

namespace DriveSync.Pipeline.Orchestration;

/// <summary>The names of the pipeline's orchestration, activities and events, and their registration.</summary>
public static class PipelineTasks
{
    /// <summary>The orchestration of one run of a folder (<see cref="SyncFolderOrchestrator"/>).</summary>
    public const string SyncFolder = "SyncFolder";

    /// <summary>Lists one page of the folder into batch manifests (<see cref="ListPageActivity"/>).</summary>
    public const string ListPage = "ListPage";

    /// <summary>Downloads, sanitizes and uploads the files of one batch (<see cref="ProcessBatchActivity"/>).</summary>
    public const string ProcessBatch = "ProcessBatch";

    /// <summary>Writes the run manifest and summary, merges the ledger, saves the changes token (<see cref="FinalizeRunActivity"/>).</summary>
    public const string FinalizeRun = "FinalizeRun";

    /// <summary>
    /// The external event that asks a running SyncFolder to stop (its data: a reason without personal data). The run
    /// lets its batches in flight finish, records the rest Failed with the reason, and ends in phase Terminated.
    /// </summary>
    public const string StopEvent = "Stop";

    /// <summary>Registers the SyncFolder orchestrator and its three activities under their names.</summary>
    public static DurableTaskRegistry AddPipelineTasks(this DurableTaskRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        registry.AddOrchestrator<SyncFolderOrchestrator>(SyncFolder);
        registry.AddActivity<ListPageActivity>(ListPage);
        registry.AddActivity<ProcessBatchActivity>(ProcessBatch);
        registry.AddActivity<FinalizeRunActivity>(FinalizeRun);
        return registry;
    }
}
