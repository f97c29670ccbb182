namespace DriveSync.Pipeline.Orchestration;

/// <summary>
/// A dependency failed in a way worth trying again (its classifier said Retry). Activities throw it; the orchestrator's
/// retry policy retries only this type. The message names the stage and the error type, never names or content.
/// </summary>
public sealed class TransientDependencyException(string message) : Exception(message);

/// <summary>Drive said the run cannot go on (credentials, configuration, the folder itself): the run ends Failed.</summary>
public sealed class DriveStopException(string message) : Exception(message);

/// <summary>Storage said the run cannot go on (account, credentials, containers): the run ends Failed.</summary>
public sealed class StorageStopException(string message) : Exception(message);

/// <summary>The folder's run was claimed by a later start: this run does nothing and ends Failed.</summary>
public sealed class RunSupersededException(string message) : Exception(message);

/// <summary>The one-line hints that go with a failed run's reason (setting names, never values).</summary>
public static class FailureHints
{
    public const string Drive =
        "Check DriveSync:Drive:FolderId and the Drive credentials (DriveSync:Drive:BearerToken or the service account), and that Drive is reachable.";

    public const string Storage =
        "Check DriveSync:Storage:ConnectionString (or the service URIs and identity) and that the storage account is reachable.";

    public const string Superseded = "Another start claimed the folder; see sources/{folder id}/active.json for its run.";

    public const string Terminated = "The run was asked to stop; start it again to process the remaining files.";

    public const string Unexpected = "An unexpected error; the run's log lines name the error type.";
}
