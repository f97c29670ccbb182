namespace DriveSync.Sanitization;

/// <summary>The detector version reported with every outcome; bumped whenever detection or output changes.</summary>
public static class SanitizerVersion
{
    /// <summary>The current detector version.</summary>
    public const string Current = "drivesync-sanitizer/1.1";
}
