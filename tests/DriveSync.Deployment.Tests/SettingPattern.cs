namespace DriveSync.Deployment.Tests;

/// <summary>
/// One setting the app binds, as configuration segments. <see cref="Any"/> stands for one segment of free text:
/// a list index (<c>DriveSync:Api:Keys:0</c>) or a dictionary key (<c>DriveSync:Sanitizer:Modes:SSN</c>).
/// </summary>
internal sealed record SettingPattern(IReadOnlyList<string> Segments)
{
    /// <summary>The wildcard segment.</summary>
    public const string Any = "*";

    /// <summary>Whether <paramref name="key"/> names this setting.</summary>
    public bool Matches(SettingKey key) =>
        key.Segments.Count == Segments.Count
        && Segments.Zip(key.Segments).All(pair =>
            (pair.First == Any && pair.Second.Length > 0)
            || string.Equals(pair.First, pair.Second, StringComparison.OrdinalIgnoreCase));

    /// <summary>The setting in configuration form, e.g. <c>DriveSync:Api:Keys:*</c>.</summary>
    public override string ToString() => string.Join(':', Segments);
}
