namespace DriveSync.Deployment.Tests;

/// <summary>
/// A configuration key split into its segments. Accepts the environment form (<c>DriveSync__Drive__FolderId</c>,
/// as used in app settings) and the configuration form (<c>DriveSync:Drive:FolderId</c>); segments compare
/// case-insensitively, as .NET configuration does.
/// </summary>
internal sealed class SettingKey
{
    private SettingKey(string text, IReadOnlyList<string> segments)
    {
        Text = text;
        Segments = segments;
    }

    /// <summary>The key as written.</summary>
    public string Text { get; }

    /// <summary>The segments between the separators.</summary>
    public IReadOnlyList<string> Segments { get; }

    /// <summary>The configuration form, e.g. <c>DriveSync:Drive:FolderId</c>.</summary>
    public string ConfigurationPath => string.Join(':', Segments);

    /// <summary>Whether the key lies in the app's own <c>DriveSync</c> section.</summary>
    public bool IsDriveSync => Segments.Count > 1 && string.Equals(Segments[0], "DriveSync", StringComparison.OrdinalIgnoreCase);

    /// <summary>Splits <paramref name="key"/> on <c>__</c> and <c>:</c>.</summary>
    public static SettingKey Parse(string key) =>
        new(key, key.Replace("__", ":", StringComparison.Ordinal).Split(':'));

    /// <inheritdoc />
    public override string ToString() => Text;
}
