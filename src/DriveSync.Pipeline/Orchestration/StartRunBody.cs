using System.Text.Json;
using System.Text.Json.Serialization;

namespace DriveSync.Pipeline.Orchestration;

/// <summary>
/// The optional JSON body of <c>POST /api/runs</c>, the same in <c>drivesync serve</c> and the Functions app:
/// <c>{"limit": 100, "dryRun": true, "reprocess": "all"}</c>, every member optional, nothing else allowed, strict types
/// (<c>"5"</c> is not a number). An empty body starts a full run.
/// </summary>
/// <param name="Limit">Process at most this many files.</param>
/// <param name="DryRun">List and plan only; write nothing.</param>
/// <param name="Reprocess"><c>"all"</c>: process every listed file again and replace its output, whatever the ledger says.</param>
public sealed record StartRunBody(int? Limit = null, bool? DryRun = null, string? Reprocess = null)
{
    /// <summary>The largest body a host reads (a full body is well under 100 bytes); a longer one is refused with 413.</summary>
    public const int MaxBytes = 4096;

    /// <summary>The one value <see cref="Reprocess"/> accepts.</summary>
    public const string ReprocessAllValue = "all";

    /// <summary>What a body of the wrong shape is told.</summary>
    public const string Expected = "The body must be empty or a JSON object with the optional members \"limit\" (a positive integer, not a string), "
        + "\"dryRun\" (true or false) and \"reprocess\" (\"all\").";

    private static readonly JsonSerializerOptions Strict = CreateStrict();

    /// <summary>
    /// The run the body asks for, tagged with <paramref name="trigger"/>, or the problem to answer with 400 (its title
    /// and detail, which never echo the body).
    /// </summary>
    public static (SyncRunRequest? Request, BodyProblem? Problem) Read(ReadOnlySpan<byte> body, string trigger)
    {
        StartRunBody? parsed;
        try
        {
            parsed = body.Trim(" \t\r\n"u8).IsEmpty ? new StartRunBody() : JsonSerializer.Deserialize<StartRunBody>(body, Strict);
        }
        catch (JsonException)
        {
            return (null, new BodyProblem("Malformed request body", Expected));
        }

        return parsed switch
        {
            null => (null, new BodyProblem("Malformed request body", Expected)),
            { Limit: <= 0 } => (null, new BodyProblem("Invalid limit", "\"limit\" must be a positive integer (the most files the run processes).")),
            { Reprocess: { } value } when value != ReprocessAllValue =>
                (null, new BodyProblem("Invalid reprocess", "\"reprocess\" must be \"all\" (process every listed file again) or absent.")),
            _ => (new SyncRunRequest(trigger, parsed.Limit, parsed.DryRun ?? false, parsed.Reprocess == ReprocessAllValue), null),
        };
    }

    private static JsonSerializerOptions CreateStrict()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
            NumberHandling = JsonNumberHandling.Strict,
            AllowTrailingCommas = false,
            ReadCommentHandling = JsonCommentHandling.Disallow,
        };
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}

/// <summary>Why a request body was refused: a problem-details title and detail.</summary>
public sealed record BodyProblem(string Title, string Detail);
