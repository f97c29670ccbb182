namespace DriveSync.Host.Timer;

/// <summary>What the timer does at one evaluation: the pure decision, given the marker and the time.</summary>
/// <param name="Fire">Whether to start a run now.</param>
/// <param name="Trigger">The run's trigger: <c>timer</c>, or <c>timer-catchup</c> for a time missed while every process was down.</param>
/// <param name="NewMarker">The marker to write (compare-and-swap on the read ETag), or null to leave it.</param>
/// <param name="NextDue">When the next scheduled time falls.</param>
public sealed record TimerPlan(bool Fire, string Trigger, TimerMarker? NewMarker, DateTimeOffset NextDue)
{
    /// <summary>The trigger name of an on-time firing.</summary>
    public const string OnTimeTrigger = "timer";

    /// <summary>The trigger name of the single run that makes up for missed times.</summary>
    public const string CatchUpTrigger = "timer-catchup";

    /// <summary>
    /// Decides. With no marker yet (first start of a deployment) the marker is set to <paramref name="now"/> and nothing fires.
    /// When one or more scheduled times passed since the marker, one run fires for the latest of them and the marker moves
    /// to it, so any number of missed times gives one run. A time older than <paramref name="lateness"/> counts as missed.
    /// </summary>
    public static TimerPlan Decide(CronSchedule schedule, TimerMarker? marker, DateTimeOffset now, TimeSpan lateness, bool catchUpMissed)
    {
        if (marker is null)
        {
            return new TimerPlan(false, OnTimeTrigger, new TimerMarker(now, null, now), schedule.NextAfter(now));
        }

        var latest = schedule.LatestBetween(marker.LastOccurrence, now);
        if (latest is not { } occurrence)
        {
            return new TimerPlan(false, OnTimeTrigger, null, schedule.NextAfter(marker.LastOccurrence));
        }

        var missed = now - occurrence > lateness || schedule.NextAfter(marker.LastOccurrence) < occurrence;
        var fire = !missed || catchUpMissed;
        return new TimerPlan(fire, missed ? CatchUpTrigger : OnTimeTrigger, new TimerMarker(occurrence, null, now), schedule.NextAfter(occurrence));
    }
}

/// <summary>The "last fired" marker blob's content.</summary>
/// <param name="LastOccurrence">The scheduled time last handled (fired, or skipped on first start).</param>
/// <param name="RunId">The run started for it, when one was.</param>
/// <param name="WrittenAt">When the marker was written.</param>
public sealed record TimerMarker(DateTimeOffset LastOccurrence, string? RunId, DateTimeOffset WrittenAt);
