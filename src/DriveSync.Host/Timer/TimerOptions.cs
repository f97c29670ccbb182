namespace DriveSync.Host.Timer;

/// <summary>Settings of the run timer of <c>drivesync serve</c>, section <c>DriveSync:Timer</c>.</summary>
public sealed class TimerOptions
{
    /// <summary>The configuration section these options bind to.</summary>
    public const string SectionName = "DriveSync:Timer";

    /// <summary>Whether this process fires scheduled runs. Default true. (On Azure Functions the Functions app's own timer trigger fires runs instead.)</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// Six-field NCrontab expression in UTC, the Azure Functions timer dialect:
    /// <c>second minute hour day month day-of-week</c>. Default <c>0 0 2 * * *</c> (02:00:00 UTC daily).
    /// </summary>
    public string Schedule { get; set; } = "0 0 2 * * *";

    /// <summary>Blob container holding the timer's lock blob and its "last fired" marker. Default <c>drivesync-state</c>.</summary>
    public string Container { get; set; } = "drivesync-state";

    /// <summary>How often an idle process re-reads the marker (so a process that starts late still sees a due time). Default 30 seconds.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Lease held on the lock blob while one process decides and fires (15–60 s, the Blob service's range). Default 30 seconds.</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Whether a scheduled time that passed while every process was down gets one catch-up run. Default true.</summary>
    public bool CatchUpMissed { get; set; } = true;

    /// <summary>The messages naming each invalid setting; empty when the options are valid.</summary>
    public IEnumerable<string> Validate()
    {
        if (!CronSchedule.TryParse(Schedule, out _, out var error))
        {
            yield return $"DriveSync:Timer:Schedule '{Schedule}' is not a six-field NCrontab expression (second minute hour day month day-of-week, UTC): {error}";
        }

        if (string.IsNullOrWhiteSpace(Container) || Container.Length is < 3 or > 63 || !Container.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-'))
        {
            yield return "DriveSync:Timer:Container must be a blob container name: 3-63 lower-case letters, digits and hyphens.";
        }

        if (PollInterval < TimeSpan.FromMilliseconds(100) || PollInterval > TimeSpan.FromHours(1))
        {
            yield return "DriveSync:Timer:PollInterval must be between 00:00:00.1 and 01:00:00.";
        }

        if (LeaseDuration < TimeSpan.FromSeconds(15) || LeaseDuration > TimeSpan.FromSeconds(60))
        {
            yield return "DriveSync:Timer:LeaseDuration must be between 00:00:15 and 00:01:00.";
        }
    }
}
