using DriveSync.Host.Timer;

namespace DriveSync.Host.Tests;

public sealed class TimerPlanTests
{
    private static readonly CronSchedule EveryFiveMinutes = CronSchedule.Parse("0 */5 * * * *");
    private static readonly TimeSpan Lateness = TimeSpan.FromMinutes(2);
    private static readonly DateTimeOffset Midnight = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Decide_NoMarker_WritesMarkerAndDoesNotFire()
    {
        var plan = TimerPlan.Decide(EveryFiveMinutes, null, Midnight.AddMinutes(7), Lateness, catchUpMissed: true);

        Assert.False(plan.Fire);
        Assert.Equal(Midnight.AddMinutes(7), plan.NewMarker!.LastOccurrence);
        Assert.Equal(Midnight.AddMinutes(10), plan.NextDue);
    }

    [Theory]
    [InlineData(4, false, null, 5)]           // not due yet
    [InlineData(5, true, "timer", 10)]        // exactly on time
    [InlineData(6, true, "timer", 10)]        // a minute late: still on time
    [InlineData(8, true, "timer-catchup", 10)] // three minutes late: missed
    [InlineData(23, true, "timer-catchup", 25)] // four times missed: one catch-up for the latest
    public void Decide_MarkerAtMidnight_FiresOnceForLatestDueTime(int minutesLater, bool fire, string? trigger, int nextDueMinute)
    {
        var marker = new TimerMarker(Midnight, null, Midnight);

        var plan = TimerPlan.Decide(EveryFiveMinutes, marker, Midnight.AddMinutes(minutesLater), Lateness, catchUpMissed: true);

        Assert.Equal(fire, plan.Fire);
        Assert.Equal(Midnight.AddMinutes(nextDueMinute), plan.NextDue);
        if (fire)
        {
            Assert.Equal(trigger, plan.Trigger);
            Assert.Equal(Midnight.AddMinutes(minutesLater / 5 * 5), plan.NewMarker!.LastOccurrence);
        }
        else
        {
            Assert.Null(plan.NewMarker);
        }
    }

    [Fact]
    public void Decide_MissedWithCatchUpOff_MovesMarkerWithoutFiring()
    {
        var plan = TimerPlan.Decide(EveryFiveMinutes, new TimerMarker(Midnight, null, Midnight), Midnight.AddMinutes(23), Lateness, catchUpMissed: false);

        Assert.False(plan.Fire);
        Assert.Equal(Midnight.AddMinutes(20), plan.NewMarker!.LastOccurrence);
    }

    [Theory]
    [InlineData("0 0 2 * * *", true)]
    [InlineData("*/10 * * * * *", true)]
    [InlineData("0 30 9 * * 1-5", true)]
    [InlineData("0 2 * * *", false)]
    [InlineData("0 0 25 * * *", false)]
    [InlineData("", false)]
    [InlineData("every day", false)]
    public void TryParse_Expressions_AcceptsOnlySixFieldNcrontab(string expression, bool valid)
    {
        Assert.Equal(valid, CronSchedule.TryParse(expression, out var schedule, out var error));
        Assert.Equal(valid, schedule is not null);
        Assert.Equal(valid, error.Length == 0);
    }

    [Fact]
    public void Validate_BadSchedule_NamesTheSetting()
    {
        var errors = new TimerOptions { Schedule = "0 2 * * *", LeaseDuration = TimeSpan.FromSeconds(5) }.Validate().ToList();

        Assert.Contains(errors, e => e.StartsWith("DriveSync:Timer:Schedule", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("DriveSync:Timer:LeaseDuration", StringComparison.Ordinal));
    }
}
