namespace DriveSync.Pipeline.Adapters;

/// <summary>
/// Rules for blob metadata, which travels as <c>x-ms-meta-*</c> HTTP headers: a key must be a C# identifier, a value
/// printable ASCII (0x20–0x7E) without leading or trailing spaces. Checked before a write so that a bad value is an
/// <see cref="ArgumentException"/> naming the key (never the value) rather than a transport error.
/// </summary>
internal static class BlobMetadataRules
{
    public static void Validate(IReadOnlyDictionary<string, string> metadata)
    {
        foreach (var (key, value) in metadata)
        {
            if (string.IsNullOrEmpty(key) || key.Length > 256 || char.IsAsciiDigit(key[0]) || !key.All(c => char.IsAsciiLetterOrDigit(c) || c == '_'))
            {
                throw new ArgumentException("A metadata key must be a C# identifier (ASCII letters, digits, underscore; not starting with a digit).", nameof(metadata));
            }

            if (value is null || !value.All(c => c is >= ' ' and <= '~') || value.Trim().Length != value.Length)
            {
                throw new ArgumentException($"Metadata '{key}' has a value that is not printable ASCII without leading or trailing spaces.", nameof(metadata));
            }
        }
    }
}
