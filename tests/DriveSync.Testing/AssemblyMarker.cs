namespace DriveSync.Testing;

internal static class AssemblyMarker;
