namespace DriveSync.AzureStorage.Internal;

/// <summary>Naming rules of containers, queues and blobs, checked before a request is sent.</summary>
internal static class StorageNames
{
    /// <summary>3–63 characters: lowercase letters, digits and single hyphens, starting and ending with a letter or digit.</summary>
    public static void ValidateContainerOrQueue(string name, string parameterName)
    {
        ArgumentNullException.ThrowIfNull(name, parameterName);
        var valid = name.Length is >= 3 and <= 63
            && name.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-')
            && name[0] != '-' && name[^1] != '-' && !name.Contains("--", StringComparison.Ordinal);
        if (!valid)
        {
            throw new ArgumentException(
                "A container or queue name must be 3-63 lowercase letters, digits and single hyphens, starting and ending with a letter or digit.",
                parameterName);
        }
    }

    /// <summary>1–1024 characters, no control characters, not ending with a dot or slash.</summary>
    public static void ValidateBlob(string name, string parameterName)
    {
        ArgumentNullException.ThrowIfNull(name, parameterName);
        if (name.Length is 0 or > 1024 || name.Any(char.IsControl) || name[^1] is '.' or '/')
        {
            throw new ArgumentException("A blob name must be 1-1024 characters without control characters and must not end with '.' or '/'.", parameterName);
        }
    }
}
