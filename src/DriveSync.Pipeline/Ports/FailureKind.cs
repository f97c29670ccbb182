namespace DriveSync.Pipeline.Ports;

/// <summary>What a failure of a dependency means for the run, as decided by that dependency's classifier.</summary>
public enum FailureKind
{
    /// <summary>Transient: try the batch again later.</summary>
    Retry,

    /// <summary>This file cannot be processed: mark it Failed with a reason and go on.</summary>
    SkipFile,

    /// <summary>Nothing will work (credentials, configuration): stop the run as Failed.</summary>
    StopRun,
}
