using System.Text.Json;
using System.Text.Json.Serialization;

namespace DriveSync.Functions.Triggers;

/// <summary>
/// The optional body of <c>POST /api/runs</c>: <c>{"limit": 100, "dryRun": true}</c>, both members optional, nothing else
/// allowed. An empty body starts a full run.
/// </summary>
public sealed record StartRunBody(int? Limit, bool? DryRun)
{
    /// <summary>What a malformed body is told.</summary>
    public const string Expected = "The body must be empty or a JSON object with the optional members \"limit\" (a positive integer) and \"dryRun\" (true or false).";

    private static readonly JsonSerializerOptions Strict = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    /// <summary>Reads the body; <c>Error</c> says what is wrong with it (without echoing it), or is null.</summary>
    public static async Task<(StartRunBody Body, string? Error)> ReadAsync(Stream body, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(body);
        using var reader = new StreamReader(body);
        var text = await reader.ReadToEndAsync(cancellationToken);
        if (string.IsNullOrWhiteSpace(text))
        {
            return (new StartRunBody(null, null), null);
        }

        StartRunBody? parsed;
        try
        {
            parsed = JsonSerializer.Deserialize<StartRunBody>(text, Strict);
        }
        catch (JsonException)
        {
            return (new StartRunBody(null, null), Expected);
        }

        return parsed switch
        {
            null => (new StartRunBody(null, null), Expected),
            { Limit: <= 0 } => (parsed, "\"limit\" must be a positive integer (the most files the run processes)."),
            _ => (parsed, null),
        };
    }
}
