using NCrontab;

namespace DriveSync.Host.Timer;

/// <summary>A six-field NCrontab schedule (the Azure Functions timer dialect), evaluated in UTC.</summary>
public sealed class CronSchedule
{
    private readonly CrontabSchedule schedule;

    private CronSchedule(CrontabSchedule schedule, string expression)
    {
        this.schedule = schedule;
        Expression = expression;
    }

    /// <summary>The expression as configured.</summary>
    public string Expression { get; }

    /// <summary>Parses a six-field expression; <paramref name="error"/> says why when it returns false.</summary>
    public static bool TryParse(string? expression, out CronSchedule? schedule, out string error)
    {
        schedule = null;
        error = string.Empty;
        if (string.IsNullOrWhiteSpace(expression))
        {
            error = "the expression is empty.";
            return false;
        }

        var fields = expression.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length != 6)
        {
            error = $"it has {fields.Length} fields, six are needed (the first is the second).";
            return false;
        }

        var parsed = CrontabSchedule.TryParse(expression, new CrontabSchedule.ParseOptions { IncludingSeconds = true });
        if (parsed is null)
        {
            error = "a field is out of range or malformed.";
            return false;
        }

        schedule = new CronSchedule(parsed, expression);
        return true;
    }

    /// <summary>Parses a six-field expression or throws <see cref="FormatException"/> naming the problem.</summary>
    public static CronSchedule Parse(string expression) =>
        TryParse(expression, out var schedule, out var error) ? schedule! : throw new FormatException($"Schedule '{expression}': {error}");

    /// <summary>The first occurrence strictly after <paramref name="after"/>.</summary>
    public DateTimeOffset NextAfter(DateTimeOffset after) =>
        new(DateTime.SpecifyKind(schedule.GetNextOccurrence(after.UtcDateTime), DateTimeKind.Utc));

    /// <summary>The latest occurrence in (<paramref name="after"/>, <paramref name="atOrBefore"/>], or null when there is none.</summary>
    public DateTimeOffset? LatestBetween(DateTimeOffset after, DateTimeOffset atOrBefore)
    {
        DateTimeOffset? latest = null;
        var next = NextAfter(after);
        while (next <= atOrBefore)
        {
            latest = next;
            next = NextAfter(next);
        }

        return latest;
    }
}
