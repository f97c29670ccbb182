using DriveSync.Pipeline.Ports;
using DriveSync.Pipeline.State;
using DriveSync.Pipeline.Work;
using Microsoft.Extensions.Logging;

namespace DriveSync.Pipeline.Runs;

/// <summary>
/// <see cref="IRunManager"/> over the state container and the work queue. Starting a run writes its
/// checkpoint and sends its first Step message; workers (any process) do the rest.
/// </summary>
public sealed class RunManager(
    IBlobStore blobs,
    IWorkQueue queue,
    IDriveSource source,
    CheckpointStore checkpoints,
    RunPlanner planner,
    StorageBootstrap bootstrap,
    IRunEvents events,
    PipelineOptions options,
    TimeProvider time,
    ILogger<RunManager> logger) : IRunManager, IRunProblems
{
    private static readonly TimeSpan StartRaceWait = TimeSpan.FromMilliseconds(200);
    private const int AttemptsBeforeBreakingStaleLease = 10;

    public async Task<RunStartResult> StartAsync(RunRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Limit is < 1)
            throw new ArgumentException("The limit must be at least 1.", nameof(request));
        if (request.DryRun)
            return new RunStartResult(await planner.PlanAsync(request, cancellationToken), Created: true);

        await bootstrap.EnsureAsync(cancellationToken);
        for (var attempt = 0; attempt < 50; attempt++)
        {
            if (await ActiveRunAsync(cancellationToken) is { } active)
            {
                await queue.SendAsync(WorkMessage.Step(active.RunId, active.StepSeq).ToText(), TimeSpan.Zero, cancellationToken);
                return new RunStartResult(active.ToStatus(), Created: false);
            }

            var now = time.GetUtcNow();
            var runId = StatePaths.NewRunId(now);
            if (!await blobs.AcquireLeaseAsync(options.StateContainer, StatePaths.Lease(source.SourceId), StatePaths.LeaseId(runId),
                    options.SourceLeaseDuration, cancellationToken))
            {
                // Another start may be writing its run right now; a lease still held after that is stale
                // (a late coordinator step of a finished run renewed it), so break it.
                if (attempt == AttemptsBeforeBreakingStaleLease)
                {
                    logger.LogWarning("Source lease held with no active run; breaking it");
                    await blobs.BreakLeaseAsync(options.StateContainer, StatePaths.Lease(source.SourceId), cancellationToken);
                }
                await Task.Delay(StartRaceWait, time, cancellationToken);
                continue;
            }

            var checkpoint = new RunCheckpoint
            {
                RunId = runId,
                SourceId = source.SourceId,
                Trigger = request.Trigger,
                Limit = request.Limit,
                CreatedTime = now,
                LastUpdatedTime = now,
            };
            await checkpoints.CreateAsync(checkpoint, cancellationToken);
            await WriteAsync(StatePaths.Index(runId, now), [], cancellationToken);
            await WriteAsync(StatePaths.Active(source.SourceId), StateJson.Serialize(new ActiveRun(runId)), cancellationToken);
            await queue.SendAsync(WorkMessage.Step(runId, 0).ToText(), TimeSpan.Zero, cancellationToken);
            logger.LogInformation("Run {RunId} started by {Trigger}", runId, request.Trigger);
            var status = checkpoint.ToStatus();
            events.RunStarted(status);
            return new RunStartResult(status, Created: true);
        }
        throw new InvalidOperationException("The source stayed leased by a run that is not recorded as active; try again after the lease duration.");
    }

    public async Task<RunStatus?> GetAsync(string runId, CancellationToken cancellationToken) =>
        StatePaths.IsValidRunId(runId) ? (await checkpoints.LoadAsync(runId, cancellationToken))?.ToStatus() : null;

    public async Task<RunPage> ListAsync(RunQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var pageSize = Math.Clamp(query.PageSize, 1, 1000);
        var runs = new List<RunStatus>();
        var marker = query.ContinuationToken;
        do
        {
            var page = await blobs.ListAsync(options.StateContainer, StatePaths.IndexPrefix, marker, pageSize, cancellationToken);
            foreach (var name in page.Names)
            {
                if (await checkpoints.LoadAsync(StatePaths.RunIdFromIndex(name), cancellationToken) is { } checkpoint
                    && (query.Status is null || checkpoint.Status == query.Status))
                    runs.Add(checkpoint.ToStatus());
            }
            marker = page.NextMarker;
        }
        while (runs.Count == 0 && marker is not null);
        return new RunPage(runs, marker);
    }

    public async Task<RunStatus?> TerminateAsync(string runId, string reason, CancellationToken cancellationToken)
    {
        if (!StatePaths.IsValidRunId(runId))
            return null;
        var saved = await checkpoints.UpdateAsync(runId, c =>
        {
            if (c.IsTerminal || c.TerminateReason is not null)
                return false;
            c.TerminateReason = string.IsNullOrWhiteSpace(reason) ? "Terminated." : reason;
            return true;
        }, cancellationToken);
        var checkpoint = saved ?? await checkpoints.LoadAsync(runId, cancellationToken);
        if (checkpoint is { IsTerminal: false })
            await queue.SendAsync(WorkMessage.Step(runId, checkpoint.StepSeq).ToText(), TimeSpan.Zero, cancellationToken);
        return checkpoint?.ToStatus();
    }

    public async Task<PurgeResult> PurgeAsync(string runId, CancellationToken cancellationToken)
    {
        if (!StatePaths.IsValidRunId(runId) || await checkpoints.LoadAsync(runId, cancellationToken) is not { } checkpoint)
            return PurgeResult.NotFound;
        if (!checkpoint.IsTerminal)
            return PurgeResult.StillRunning;
        string? marker = null;
        do
        {
            var page = await blobs.ListAsync(options.StateContainer, StatePaths.RunPrefix(runId), marker, 1000, cancellationToken);
            foreach (var name in page.Names.Where(n => n != StatePaths.Checkpoint(runId)))
                await blobs.DeleteAsync(options.StateContainer, name, cancellationToken);
            marker = page.NextMarker;
        }
        while (marker is not null);
        await blobs.DeleteAsync(options.StateContainer, StatePaths.Index(runId, checkpoint.CreatedTime), cancellationToken);
        await blobs.DeleteAsync(options.StateContainer, StatePaths.Checkpoint(runId), cancellationToken);
        return PurgeResult.Purged;
    }

    public async Task<IReadOnlyList<FileProblem>> GetProblemsAsync(string runId, int max, CancellationToken cancellationToken)
    {
        var problems = new List<FileProblem>();
        if (!StatePaths.IsValidRunId(runId) || await checkpoints.LoadAsync(runId, cancellationToken) is not { } checkpoint)
            return problems;
        for (var number = 0; number < checkpoint.NextBatch && problems.Count < max; number++)
        {
            if (await blobs.ReadAsync(options.StateContainer, StatePaths.Result(runId, number), cancellationToken) is not { } blob)
                continue;
            problems.AddRange(StateJson.Deserialize<BatchResult>(blob.Content).Files
                .Where(f => f.Outcome is FileOutcome.Quarantined or FileOutcome.Failed)
                .Select(f => new FileProblem(f.Id, f.Name, f.Outcome.ToString().ToLowerInvariant(), f.Reason ?? ""))
                .Take(max - problems.Count));
        }
        return problems;
    }

    private async Task<RunCheckpoint?> ActiveRunAsync(CancellationToken cancellationToken)
    {
        var pointer = await blobs.ReadAsync(options.StateContainer, StatePaths.Active(source.SourceId), cancellationToken);
        if (pointer is null)
            return null;
        var checkpoint = await checkpoints.LoadAsync(StateJson.Deserialize<ActiveRun>(pointer.Content).RunId, cancellationToken);
        return checkpoint is { IsTerminal: false } ? checkpoint : null;
    }

    private async Task WriteAsync(string name, byte[] content, CancellationToken cancellationToken)
    {
        using var stream = new MemoryStream(content);
        await blobs.WriteAsync(options.StateContainer, name, stream, BlobWriteOptions.Json(), cancellationToken);
    }

    private sealed record ActiveRun(string RunId);
}
