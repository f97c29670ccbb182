namespace DriveSync.AzureStorage;

/// <summary>
/// Rules for blob metadata, which travels as <c>x-ms-meta-*</c> HTTP headers: a key must be a C# identifier
/// (letters, digits, underscore; not starting with a digit), a value printable ASCII (0x20–0x7E) without
/// leading or trailing spaces. Encode anything else (e.g. with <see cref="Uri.EscapeDataString(string)"/>) before storing it.
/// </summary>
public static class BlobMetadata
{
    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid key (never the value).</summary>
    public static void Validate(IReadOnlyDictionary<string, string> metadata)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        foreach (var (key, value) in metadata)
        {
            if (!IsValidKey(key))
            {
                throw new ArgumentException("A metadata key must be a C# identifier (ASCII letters, digits, underscore; not starting with a digit).", nameof(metadata));
            }

            if (value is null || !IsValidValue(value))
            {
                throw new ArgumentException($"Metadata '{key}' has a value that is not printable ASCII without leading or trailing spaces.", nameof(metadata));
            }
        }
    }

    /// <summary>True when <paramref name="key"/> can be a metadata key.</summary>
    public static bool IsValidKey(string key) =>
        !string.IsNullOrEmpty(key) && key.Length <= 256 && !char.IsAsciiDigit(key[0])
        && key.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');

    /// <summary>True when <paramref name="value"/> can be a metadata value.</summary>
    public static bool IsValidValue(string value) =>
        value.All(c => c is >= ' ' and <= '~') && value.Trim().Length == value.Length;
}
