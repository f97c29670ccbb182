using System.Text.Json;

namespace DriveSync.Deployment.Tests;

/// <summary>Reads the <c>Values</c> of a <c>local.settings.json</c>-shaped file.</summary>
internal static class LocalSettingsSample
{
    /// <summary>The names and values under <c>Values</c>.</summary>
    /// <exception cref="FormatException">The file has no <c>Values</c> object or a value that is not a string.</exception>
    public static IReadOnlyDictionary<string, string> ReadValues(string json)
    {
        using var document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
        if (!document.RootElement.TryGetProperty("Values", out var values) || values.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException("local.settings.json needs a \"Values\" object.");
        }

        var result = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var property in values.EnumerateObject())
        {
            result[property.Name] = property.Value.ValueKind == JsonValueKind.String
                ? property.Value.GetString()!
                : throw new FormatException($"Values.{property.Name} must be a string (the Functions host reads app settings as strings).");
        }

        return result;
    }
}
