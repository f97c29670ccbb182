namespace DriveSync.DriveEmulator;

internal static class AssemblyMarker;
