using DriveSync.Pipeline.Ports;
using DriveSync.Pipeline.Runs;
using DriveSync.Pipeline.State;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;

namespace DriveSync.Pipeline.Orchestration;

/// <summary>
/// Starts the folder's SyncFolder run through any <see cref="DurableTaskClient"/>, one run per folder at a time.
/// Each run has its own instance id (<c>{UTC start}-{random}</c>, also its run id), so earlier runs stay listable in the
/// task hub with their outputs. The folder's claim is <c>sources/{folder}/active.json</c> (<c>{"runId","claimedAt"}</c>),
/// replaced only by an ETag-conditional write: of several starters (any processes) exactly one wins, and only the winner
/// schedules its instance. A start that finds the claimed run Pending or Running (or claimed a moment ago and not yet
/// scheduled) returns it with <c>Created == false</c>. A claimed run that wrote its summary is finished even when its
/// instance was purged. A claim whose instance never appeared within
/// <see cref="ClaimTimeout"/> (its starter died) is taken over; should its instance still start, its first listing finds the
/// claim held by another run and ends at once (superseded), so two runs of a folder never both work.
/// A dry run writes nothing and takes no claim.
/// </summary>
public sealed class SyncRunStarter(
    IBlobStore blobs,
    IDriveSource source,
    StorageBootstrap bootstrap,
    IRunEvents events,
    PipelineOptions options,
    TimeProvider time,
    ILogger<SyncRunStarter> logger)
{
    /// <summary>How long a claim without an instance counts as a start in progress.</summary>
    public static readonly TimeSpan ClaimTimeout = TimeSpan.FromMinutes(2);

    private const int MaxClaimAttempts = 20;

    public async Task<SyncRunStart> StartAsync(DurableTaskClient client, SyncRunRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(request);
        if (request.Limit is < 1)
            throw new ArgumentException("The limit must be at least 1.", nameof(request));
        if (!IsValidTrigger(request.Trigger))
            throw new ArgumentException("The trigger must be 1-32 letters, digits, '-' or '_'.", nameof(request));

        using var span = RunTracing.StartRun(request.Trigger);
        var input = new SyncFolderInput(source.SourceId, request.Trigger, request.Limit, request.DryRun, Settings(options), ReprocessAll: request.ReprocessAll,
            TraceParent: RunTracing.TraceParentOf(span));
        if (request.DryRun)
        {
            var dryRunId = "dryrun-" + StatePaths.NewRunId(time.GetUtcNow());
            span?.SetTag(RunTracing.RunIdTag, dryRunId);
            return new SyncRunStart(await ScheduleAsync(client, dryRunId, input, ct), Created: true);
        }

        await bootstrap.EnsureAsync(ct);
        var activeName = StatePaths.Active(source.SourceId);
        for (var attempt = 0; attempt < MaxClaimAttempts; attempt++)
        {
            var active = await blobs.ReadAsync(options.StateContainer, activeName, ct);
            RecoverRun? recover = null;
            if (active is not null)
            {
                var claim = StateJson.Deserialize<ActiveRun>(active.Content);
                var instance = await client.GetInstanceAsync(claim.RunId, getInputsAndOutputs: true, ct);
                if (instance is null && time.GetUtcNow() - (claim.ClaimedAt ?? DateTimeOffset.MinValue) < ClaimTimeout && !await HasSummaryAsync(claim.RunId, ct))
                    return AlreadyRunning(span, claim.RunId);
                if (instance is not null && !IsFinished(instance.RuntimeStatus))
                    return AlreadyRunning(span, claim.RunId);
                if (instance is not null)
                    recover = await RecoveryAsync(instance, ct);
            }

            var runId = StatePaths.NewRunId(time.GetUtcNow());
            using var content = new MemoryStream(StateJson.Serialize(new ActiveRun(runId, time.GetUtcNow())));
            var condition = active is null
                ? BlobWriteOptions.Json(WriteCondition.IfAbsent)
                : BlobWriteOptions.Json(WriteCondition.IfMatch, active.ETag);
            if (await blobs.WriteAsync(options.StateContainer, activeName, content, condition, ct) is null)
                continue;

            span?.SetTag(RunTracing.RunIdTag, runId);
            await ScheduleAsync(client, runId, input with { Recover = recover }, ct);
            logger.LogInformation("Run {RunId} started by {Trigger}", runId, request.Trigger);
            var now = time.GetUtcNow();
            events.RunStarted(new RunStatus(runId, source.SourceId, request.Trigger, RuntimeStatus.Pending, RunPhase.Listing, RunCounters.Empty, now, now, null, null));
            return new SyncRunStart(runId, Created: true);
        }
        throw new InvalidOperationException($"Could not claim the folder's run in {MaxClaimAttempts} attempts: other starts kept winning.");
    }

    /// <summary>
    /// Asks a running run to stop (<see cref="PipelineTasks.StopEvent"/>): it lets its batches in flight finish, records the
    /// rest Failed with <paramref name="reason"/> and ends in phase Terminated with its artefacts written. False when no
    /// such run is Pending or Running.
    /// </summary>
    public async Task<bool> StopAsync(DurableTaskClient client, string runId, string reason, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(client);
        if (!StatePaths.IsValidRunId(runId) || await client.GetInstanceAsync(runId, ct) is not { } instance || IsFinished(instance.RuntimeStatus))
            return false;
        await client.RaiseEventAsync(runId, PipelineTasks.StopEvent, reason, ct);
        return true;
    }

    /// <summary>The settings the orchestration runs with, from <see cref="PipelineOptions"/>.</summary>
    public static RunSettings Settings(PipelineOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new RunSettings(options.MaxBatchesInFlight, options.PagesPerGeneration, options.MaxAttempts, options.FirstRetryInterval,
            options.MaxRetryInterval, options.ProgressWindowFiles, options.UseChanges,
            options.ReprocessOnPolicyChange, options.DeleteRemoved);
    }

    /// <summary>True for the runtime statuses a run never leaves.</summary>
    public static bool IsFinished(OrchestrationRuntimeStatus status) =>
        status is OrchestrationRuntimeStatus.Completed or OrchestrationRuntimeStatus.Failed or OrchestrationRuntimeStatus.Terminated;

    /// <summary>An earlier run the engine ended without its artefacts (terminated, or failed outside our code), to finalize first.</summary>
    private async Task<RecoverRun?> RecoveryAsync(OrchestrationMetadata instance, CancellationToken ct)
    {
        if (instance.RuntimeStatus == OrchestrationRuntimeStatus.Completed || await HasSummaryAsync(instance.InstanceId, ct))
            return null;
        var trigger = instance.ReadInputAs<SyncFolderInput>()?.Trigger ?? "unknown";
        var (outcome, reason) = instance.RuntimeStatus == OrchestrationRuntimeStatus.Terminated
            ? (RunPhase.Terminated, "The run was terminated.")
            : (RunPhase.Failed, "The run failed before it finished.");
        return new RecoverRun(instance.InstanceId, trigger, outcome, reason, instance.CreatedAt);
    }

    /// <summary>True when the run wrote its summary (it finished, whatever its instance's state, even purged).</summary>
    private async Task<bool> HasSummaryAsync(string runId, CancellationToken ct) =>
        await blobs.GetMetadataAsync(options.StateContainer, StatePaths.Summary(runId), ct) is not null;

    /// <summary>The folder's run is already under way: this start's span says so and is not a run of its own.</summary>
    private static SyncRunStart AlreadyRunning(System.Diagnostics.Activity? span, string runId)
    {
        span?.SetTag(RunTracing.RunIdTag, runId);
        span?.SetTag("drivesync.created", false);
        return new SyncRunStart(runId, Created: false);
    }

    private static async Task<string> ScheduleAsync(DurableTaskClient client, string runId, SyncFolderInput input, CancellationToken ct) =>
        await client.ScheduleNewOrchestrationInstanceAsync(PipelineTasks.SyncFolder, input, new StartOrchestrationOptions(runId), ct);

    private static bool IsValidTrigger(string? trigger) =>
        trigger is { Length: > 0 and <= 32 } && trigger.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');
}
