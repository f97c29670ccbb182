namespace DriveSync.AzureStorage;

internal static class AssemblyMarker;
