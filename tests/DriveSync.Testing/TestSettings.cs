namespace DriveSync.Testing;

/// <summary>Configuration shared by the test harnesses that run the pipeline against Azurite and the Drive emulator.</summary>
public static class TestSettings
{
    /// <summary>
    /// Storage on <paramref name="storageConnectionString"/> with quick retries, Drive at <paramref name="driveBaseUri"/>
    /// (folder <paramref name="folderId"/>, bearer <paramref name="driveToken"/>) unpaced with quick retries, and the
    /// pipeline's two containers. A harness adds its own settings to the returned dictionary.
    /// </summary>
    public static Dictionary<string, string?> Pipeline(
        string storageConnectionString, Uri driveBaseUri, string folderId, string driveToken, string outputContainer, string stateContainer)
    {
        ArgumentNullException.ThrowIfNull(driveBaseUri);
        return new Dictionary<string, string?>
        {
            ["DriveSync:Storage:ConnectionString"] = storageConnectionString,
            ["DriveSync:Storage:MaxRetries"] = "3",
            ["DriveSync:Storage:RetryDelay"] = "00:00:00.100",
            ["DriveSync:Drive:BaseUri"] = driveBaseUri.ToString(),
            ["DriveSync:Drive:BearerToken"] = driveToken,
            ["DriveSync:Drive:FolderId"] = folderId,
            ["DriveSync:Drive:RequestsPerSecond"] = "10000",
            ["DriveSync:Drive:Burst"] = "1000",
            ["DriveSync:Drive:RetryBaseDelay"] = "00:00:00.050",
            ["DriveSync:Drive:RetryMaxDelay"] = "00:00:00.500",
            ["DriveSync:Pipeline:OutputContainer"] = outputContainer,
            ["DriveSync:Pipeline:StateContainer"] = stateContainer,
        };
    }
}
