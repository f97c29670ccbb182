namespace DriveSync.Sanitization;

internal static class AssemblyMarker;
