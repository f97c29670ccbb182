using DriveSync.Pipeline.Runs;
using Microsoft.DurableTask;

namespace DriveSync.Pipeline.Orchestration;

/// <summary>
/// One run of the folder. Lists it page by page (<see cref="PipelineTasks.ListPage"/>: cursor in, batch manifest blobs
/// out), runs up to <see cref="RunSettings.MaxBatchesInFlight"/> <see cref="PipelineTasks.ProcessBatch"/> activities at a
/// time while listing ahead, folds their counts into its custom status (<see cref="RunProgress"/>), and continues as new
/// every <see cref="RunSettings.PagesPerGeneration"/> pages (after its batches drained) so that its history stays small.
/// At the end <see cref="PipelineTasks.FinalizeRun"/> writes the run's artefacts. A <see cref="PipelineTasks.StopEvent"/>
/// or a dependency that says the run cannot go on stops listing and dispatching; batches in flight finish, the others are
/// recorded Failed by FinalizeRun.
/// Deterministic: no I/O, clock, randomness or configuration here; time is <c>context.CurrentUtcDateTime</c>.
/// </summary>
public sealed class SyncFolderOrchestrator : TaskOrchestrator<SyncFolderInput, RunSummary>
{
    private const string Completed = RunPhase.Completed;

    public override async Task<RunSummary> RunAsync(TaskOrchestrationContext context, SyncFolderInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var retry = RetryOptions(input.Settings);
        var carry = input.Carry ?? new RunCarry(0, 0, 0, null, false, RunCounters.Empty, context.CurrentUtcDateTime, []);
        var progress = new RunProgressTracker(carry, input.SourceId, input.Trigger, input.DryRun, input.Settings.ProgressWindowFiles);

        if (input.Carry is null && input.Recover is { } recover)
            await RecoverAsync(context, recover, retry);
        if (input.DryRun)
            return await DryRunAsync(context, input, progress, retry);

        var run = new Generation(carry);
        context.SetCustomStatus(progress.Progress(RunPhase.Listing, run.ListingComplete, 0));
        var stop = context.WaitForExternalEvent<string>(PipelineTasks.StopEvent);
        var pending = new Queue<BatchRef>();
        var inFlight = new Dictionary<Task<BatchOutcome>, ProcessBatchInput>();
        Task<ListPageOutput>? listing = null;
        var pagesThisGeneration = 0;

        while (true)
        {
            var stopping = run.Outcome != Completed;
            if (!stopping && listing is null && !run.ListingComplete && pagesThisGeneration < input.Settings.PagesPerGeneration
                && pending.Count < input.Settings.MaxBatchesInFlight)
            {
                listing = context.CallActivityAsync<ListPageOutput>(PipelineTasks.ListPage,
                    new ListPageInput(context.InstanceId, run.PagesListed, run.CursorRef, run.NextBatch, progress.Tally.Listed, input.Limit,
                        DryRun: false, input.Settings.UseChanges, input.Settings.ReprocessOnPolicyChange, input.ReprocessAll, input.Settings.DeleteRemoved, input.TraceParent), retry);
            }
            while (!stopping && inFlight.Count < input.Settings.MaxBatchesInFlight && pending.TryDequeue(out var batch))
            {
                var batchInput = new ProcessBatchInput(context.InstanceId, batch, TraceParent: input.TraceParent);
                inFlight.Add(context.CallActivityAsync<BatchOutcome>(PipelineTasks.ProcessBatch, batchInput, retry), batchInput);
            }
            if (listing is null && inFlight.Count == 0)
            {
                if (stopping || run.ListingComplete)
                    break;
                context.ContinueAsNew(input with { Recover = null, Carry = run.Carry(progress) }, preserveUnprocessedEvents: true);
                return progress.Summary(context.InstanceId, RunPhase.Processing, context.CurrentUtcDateTime);
            }

            var waiting = new List<Task>(inFlight.Keys);
            if (listing is not null)
                waiting.Add(listing);
            if (!stopping)
                waiting.Add(stop);
            var done = await Task.WhenAny(waiting);

            if (done == stop)
            {
                run.Fail(RunPhase.Terminated, string.IsNullOrWhiteSpace(stop.Result) ? "The run was asked to stop." : stop.Result, FailureHints.Terminated);
            }
            else if (done == listing)
            {
                listing = null;
                pagesThisGeneration++;
                try
                {
                    var page = await (Task<ListPageOutput>)done;
                    run.AddPage(page);
                    progress.AddPage(page, context.CurrentUtcDateTime);
                    foreach (var batch in page.Batches)
                        pending.Enqueue(batch);
                }
                catch (TaskFailedException exception) when (exception.FailureDetails.IsCausedBy<RunSupersededException>())
                {
                    run.Supersede(exception.FailureDetails.ErrorMessage);
                }
                catch (TaskFailedException exception)
                {
                    run.Fail(RunPhase.Failed, "Listing the folder failed: " + exception.FailureDetails.ErrorMessage, Hint(exception.FailureDetails));
                }
            }
            else
            {
                var task = (Task<BatchOutcome>)done;
                var batchInput = inFlight[task];
                inFlight.Remove(task);
                try
                {
                    var outcome = await task;
                    progress.AddBatch(outcome, context.CurrentUtcDateTime);
                    if (outcome.StopReason is { } reason)
                        run.Fail(RunPhase.Failed, reason, outcome.StopHint);
                }
                catch (TaskFailedException exception) when (batchInput.FailReason is null && !StopsRun(exception.FailureDetails))
                {
                    // Retries exhausted (or not retryable): record the batch's files Failed with the reason and go on.
                    var failed = batchInput with { FailReason = $"The batch failed after {input.Settings.MaxAttempts} attempt(s): {exception.FailureDetails.ErrorMessage}" };
                    inFlight.Add(context.CallActivityAsync<BatchOutcome>(PipelineTasks.ProcessBatch, failed, retry), failed);
                }
                catch (TaskFailedException exception)
                {
                    // Drive or storage said the run cannot go on (or even recording the failure failed): FinalizeRun closes the batch.
                    run.Fail(RunPhase.Failed, "A batch failed: " + exception.FailureDetails.ErrorMessage, Hint(exception.FailureDetails));
                }
            }
            context.SetCustomStatus(progress.Progress(run.Outcome == Completed ? run.Phase : run.Outcome, run.ListingComplete, inFlight.Count,
                run.Reason, run.Hint));
        }

        if (run.Superseded)
        {
            context.SetCustomStatus(progress.Progress(RunPhase.Failed, run.ListingComplete, 0, run.Reason, run.Hint));
            return progress.Summary(context.InstanceId, RunPhase.Failed, context.CurrentUtcDateTime, run.Reason, run.Hint);
        }
        return await FinalizeAsync(context, input, run, progress, retry);
    }

    private static async Task<RunSummary> FinalizeAsync(TaskOrchestrationContext context, SyncFolderInput input, Generation run,
        RunProgressTracker progress, TaskOptions retry)
    {
        context.SetCustomStatus(progress.Progress(RunPhase.Finalizing, run.ListingComplete, 0, run.Reason, run.Hint));
        RunSummary summary;
        try
        {
            summary = await context.CallActivityAsync<RunSummary>(PipelineTasks.FinalizeRun,
                new FinalizeRunInput(context.InstanceId, input.Trigger, run.Outcome, run.Reason, run.Hint, run.NextBatch, input.Limit is not null,
                    progress.StartedAt, context.CurrentUtcDateTime, input.Settings.DeleteRemoved, input.TraceParent), retry);
        }
        catch (TaskFailedException exception)
        {
            var reason = "Finalizing the run failed: " + exception.FailureDetails.ErrorMessage;
            context.SetCustomStatus(progress.Progress(RunPhase.Failed, run.ListingComplete, 0, reason, Hint(exception.FailureDetails)));
            throw new InvalidOperationException(reason);
        }
        context.SetCustomStatus(new RunProgress(summary.Status, summary.Listed, run.ListingComplete, summary.Uploaded, summary.Skipped,
            summary.Quarantined, summary.Failed, summary.BytesRead, summary.BytesWritten, summary.PiiFound, summary.StartedAt,
            context.CurrentUtcDateTime, progress.FilesPerSecond(), 0, input.Trigger, DryRun: false, summary.FailureReason, summary.FailureHint,
            summary.Reprocessed, summary.Removed));
        return summary;
    }

    /// <summary>
    /// A dry run lists the whole folder in one ListPage call that writes nothing: how many files would be processed (and
    /// their bytes), reprocessed, and lose their outputs.
    /// </summary>
    private static async Task<RunSummary> DryRunAsync(TaskOrchestrationContext context, SyncFolderInput input, RunProgressTracker progress, TaskOptions retry)
    {
        context.SetCustomStatus(progress.Progress(RunPhase.Listing, false, 0));
        try
        {
            var page = await context.CallActivityAsync<ListPageOutput>(PipelineTasks.ListPage,
                new ListPageInput(context.InstanceId, 0, null, 0, 0, input.Limit, DryRun: true, UseChanges: false, input.Settings.ReprocessOnPolicyChange,
                    input.ReprocessAll, input.Settings.DeleteRemoved, input.TraceParent), retry);
            progress.AddPage(page, context.CurrentUtcDateTime);
            context.SetCustomStatus(progress.Progress(RunPhase.Completed, true, 0) with { Reprocessed = page.Reprocess, Removed = page.Removals });
            return progress.Summary(context.InstanceId, RunPhase.Completed, context.CurrentUtcDateTime)
                with { BytesRead = page.BytesToProcess, Reprocessed = page.Reprocess, Removed = page.Removals };
        }
        catch (TaskFailedException exception)
        {
            var reason = "Listing the folder failed: " + exception.FailureDetails.ErrorMessage;
            context.SetCustomStatus(progress.Progress(RunPhase.Failed, false, 0, reason, Hint(exception.FailureDetails)));
            return progress.Summary(context.InstanceId, RunPhase.Failed, context.CurrentUtcDateTime, reason, Hint(exception.FailureDetails));
        }
    }

    /// <summary>Finalizes an earlier run that the engine ended without its artefacts; a failure here does not stop this run.</summary>
    private static async Task RecoverAsync(TaskOrchestrationContext context, RecoverRun recover, TaskOptions retry)
    {
        try
        {
            await context.CallActivityAsync<RunSummary>(PipelineTasks.FinalizeRun,
                new FinalizeRunInput(recover.RunId, recover.Trigger, recover.Outcome, recover.Reason, FailureHints.Terminated, null, false,
                    recover.StartedAt, context.CurrentUtcDateTime), retry);
        }
        catch (TaskFailedException)
        {
            // The earlier run keeps its missing artefacts; the next start tries again (its summary is still missing).
        }
    }

    private static TaskOptions RetryOptions(RunSettings settings) =>
        TaskOptions.FromRetryPolicy(new RetryPolicy(settings.MaxAttempts, settings.FirstRetryInterval, 2, settings.MaxRetryInterval)
        {
            HandleFailure = failure => failure.IsCausedBy<TransientDependencyException>(),
        });

    private static bool StopsRun(TaskFailureDetails failure) =>
        failure.IsCausedBy<DriveStopException>() || failure.IsCausedBy<StorageStopException>();

    private static string Hint(TaskFailureDetails failure) =>
        failure.IsCausedBy<DriveStopException>() ? FailureHints.Drive
        : failure.IsCausedBy<StorageStopException>() ? FailureHints.Storage
        : failure.IsCausedBy<RunSupersededException>() ? FailureHints.Superseded
        : failure.IsCausedBy<TransientDependencyException>() ? FailureHints.Drive + " " + FailureHints.Storage
        : FailureHints.Unexpected;

    /// <summary>The listing position and outcome of the current generation.</summary>
    private sealed class Generation(RunCarry carry)
    {
        public int PagesListed { get; private set; } = carry.PagesListed;
        public int NextBatch { get; private set; } = carry.NextBatch;
        public string? CursorRef { get; private set; } = carry.CursorRef;
        public bool ListingComplete { get; private set; } = carry.ListingComplete;
        public string Outcome { get; private set; } = Completed;
        public string? Reason { get; private set; }
        public string? Hint { get; private set; }
        public bool Superseded { get; private set; }

        public string Phase => ListingComplete ? RunPhase.Processing : RunPhase.Listing;

        public void AddPage(ListPageOutput page)
        {
            PagesListed++;
            NextBatch = page.NextBatch;
            CursorRef = page.NextCursorRef;
            ListingComplete = page.ListingComplete;
        }

        public void Fail(string outcome, string reason, string? hint)
        {
            if (Outcome != Completed)
                return;
            (Outcome, Reason, Hint) = (outcome, reason, hint);
        }

        public void Supersede(string reason)
        {
            Fail(RunPhase.Failed, reason, FailureHints.Superseded);
            Superseded = true;
        }

        public RunCarry Carry(RunProgressTracker progress) =>
            new(carry.Generation + 1, PagesListed, NextBatch, CursorRef, ListingComplete, progress.Tally, progress.StartedAt, progress.Window);
    }
}
