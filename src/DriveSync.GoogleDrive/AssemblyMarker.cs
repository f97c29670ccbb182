namespace DriveSync.GoogleDrive;

internal static class AssemblyMarker;
