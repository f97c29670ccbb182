namespace DriveSync.AzureStorage.Tests;

/// <summary>Unique container and queue names, so tests sharing one Azurite never see each other's data.</summary>
internal static class TestNames
{
    public static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid():N}";
}
