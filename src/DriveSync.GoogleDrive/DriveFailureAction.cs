namespace DriveSync.GoogleDrive;

/// <summary>What to do about a failed Drive call.</summary>
public enum DriveFailureAction
{
    /// <summary>Transient: try again after a delay (the pacer does this itself for one call).</summary>
    Retry,

    /// <summary>This file cannot be had: record it as failed and go on with the others.</summary>
    SkipFile,

    /// <summary>Nothing will work (credentials, dead API): stop the run and keep its checkpoint.</summary>
    StopRun,
}
