namespace DriveSync.Functions;

/// <summary>
/// The names of the app's trigger functions (the orchestration's and activities' names are
/// <see cref="DriveSync.Pipeline.Orchestration.PipelineTasks"/>' constants, shared with <c>drivesync</c>).
/// </summary>
public static class FunctionNames
{
    /// <summary>The timer that starts the scheduled run.</summary>
    public const string ScheduledRun = "ScheduledRun";

    /// <summary><c>POST /api/runs</c>: starts a run.</summary>
    public const string StartRun = "StartRun";

    /// <summary><c>GET /api/runs/{id}/problems</c>: a run's quarantined and failed files.</summary>
    public const string GetRunProblems = "GetRunProblems";

    /// <summary>The app setting holding the timer's six-field NCrontab schedule (environment <c>DriveSync__Timer__Schedule</c>).</summary>
    public const string ScheduleSetting = "DriveSync:Timer:Schedule";
}
