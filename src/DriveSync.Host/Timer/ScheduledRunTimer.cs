using DriveSync.Pipeline.Orchestration;
using DriveSync.Pipeline.Ports;
using DriveSync.Pipeline.Storage;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;

namespace DriveSync.Host.Timer;

/// <summary>
/// Starts runs on the configured schedule. Every <c>serve</c> process runs one; at each due time they contend for the
/// lock blob's lease and the holder reads the marker, starts the run and moves the marker, so a time fires once across
/// all processes. A time that passed while every process was down fires once when the first process comes back.
/// </summary>
public sealed partial class ScheduledRunTimer(
    TimerStateStore store,
    DurableTaskClient client,
    SyncRunStarter starter,
    IOptions<TimerOptions> options,
    [FromKeyedServices(ScheduledRunTimer.ClockKey)] TimeProvider clock,
    ILogger<ScheduledRunTimer> logger) : BackgroundService
{
    /// <summary>The DI key of the timer's <see cref="TimeProvider"/> (tests give the timer its own clock without slowing the pipeline).</summary>
    public const string ClockKey = "DriveSync.Timer";

    private readonly CronSchedule schedule = CronSchedule.Parse(options.Value.Schedule);

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        var created = false;
        LogStarted(logger, schedule.Expression, schedule.NextAfter(clock.GetUtcNow()));
        while (!stoppingToken.IsCancellationRequested)
        {
            DateTimeOffset? nextDue;
            try
            {
                if (!created)
                {
                    await store.EnsureCreatedAsync(stoppingToken);
                    created = true;
                }

                nextDue = await EvaluateAsync(stoppingToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException && StorageFailureClassifier.Classify(exception) == FailureKind.Retry)
            {
                LogTransientFailure(logger, exception.GetType().Name);
                nextDue = null;
            }

            var wait = (nextDue ?? clock.GetUtcNow() + settings.PollInterval) - clock.GetUtcNow();
            wait = wait < TimeSpan.Zero ? TimeSpan.Zero : wait > settings.PollInterval ? settings.PollInterval : wait;
            await Task.Delay(wait, clock, stoppingToken);
        }
    }

    /// <summary>One evaluation: lock, read the marker, fire if due, move the marker, unlock. Returns the next due time, or null when another process held the lock.</summary>
    public async Task<DateTimeOffset?> EvaluateAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var leaseId = await store.TryLockAsync(settings.LeaseDuration, cancellationToken);
        if (leaseId is null)
        {
            LogBusy(logger);
            return null;
        }

        try
        {
            var (marker, etag) = await store.ReadMarkerAsync(cancellationToken);
            var now = clock.GetUtcNow();
            var plan = TimerPlan.Decide(schedule, marker, now, lateness: settings.PollInterval + settings.PollInterval, settings.CatchUpMissed);
            var newMarker = plan.NewMarker;
            if (plan.Fire && newMarker is not null)
            {
                var started = await starter.StartAsync(client, new SyncRunRequest(plan.Trigger), cancellationToken);
                newMarker = newMarker with { RunId = started.InstanceId };
                LogFired(logger, newMarker.LastOccurrence, plan.Trigger, started.InstanceId, started.Created);
            }
            else if (newMarker is not null && marker is not null)
            {
                LogSkippedMissed(logger, newMarker.LastOccurrence);
            }
            else
            {
                LogUpToDate(logger, marker?.LastOccurrence, plan.NextDue);
            }

            if (newMarker is not null && !await store.TryWriteMarkerAsync(newMarker, etag, cancellationToken))
            {
                LogMarkerRace(logger);
            }

            return plan.NextDue;
        }
        finally
        {
            await store.UnlockAsync(leaseId, CancellationToken.None);
        }
    }

    [LoggerMessage(EventId = 100, Level = LogLevel.Information, Message = "Timer started: schedule {Schedule} (UTC), next time {NextDue:o}")]
    private static partial void LogStarted(ILogger logger, string schedule, DateTimeOffset nextDue);

    [LoggerMessage(EventId = 101, Level = LogLevel.Information, Message = "Timer fired for {Occurrence:o} ({Trigger}): run {RunId}, created {Created}")]
    private static partial void LogFired(ILogger logger, DateTimeOffset occurrence, string trigger, string runId, bool created);

    [LoggerMessage(EventId = 102, Level = LogLevel.Debug, Message = "Timer up to date: last time {LastOccurrence:o}, next {NextDue:o}")]
    private static partial void LogUpToDate(ILogger logger, DateTimeOffset? lastOccurrence, DateTimeOffset nextDue);

    [LoggerMessage(EventId = 103, Level = LogLevel.Debug, Message = "Timer lock held by another process")]
    private static partial void LogBusy(ILogger logger);

    [LoggerMessage(EventId = 104, Level = LogLevel.Warning, Message = "Timer marker changed while the lock was held (lease expired mid-decision?)")]
    private static partial void LogMarkerRace(ILogger logger);

    [LoggerMessage(EventId = 106, Level = LogLevel.Warning, Message = "Timer evaluation failed with a transient {ExceptionType}; retrying at the next poll")]
    private static partial void LogTransientFailure(ILogger logger, string exceptionType);

    [LoggerMessage(EventId = 105, Level = LogLevel.Information, Message = "Timer skipped missed time {Occurrence:o}: DriveSync:Timer:CatchUpMissed is false")]
    private static partial void LogSkippedMissed(ILogger logger, DateTimeOffset occurrence);
}
