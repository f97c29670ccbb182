using System.Text.Json;

namespace DriveSync.DriveEmulator;

/// <summary>The File resource a files.copy request sends: the fields the emulator honours.</summary>
internal sealed class CopyBody
{
    public string? Name { get; private init; }

    public string? MimeType { get; private init; }

    public IReadOnlyList<string> Parents { get; private init; } = [];

    /// <summary>Reads the body (empty means "no changes"); null when it is not a JSON object of the expected shape.</summary>
    public static async Task<CopyBody?> ReadAsync(Stream body, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        await body.CopyToAsync(buffer, cancellationToken);
        if (buffer.Length == 0)
            return new CopyBody();
        try
        {
            using var json = JsonDocument.Parse(buffer.ToArray());
            var root = json.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
                return null;
            return new CopyBody
            {
                Name = String(root, "name"),
                MimeType = String(root, "mimeType"),
                Parents = root.TryGetProperty("parents", out var parents) && parents.ValueKind == JsonValueKind.Array
                    ? parents.EnumerateArray().Where(p => p.ValueKind == JsonValueKind.String).Select(p => p.GetString()!).ToList()
                    : [],
            };
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? String(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
