using System.Text.Json;
using System.Text.Json.Serialization;
using DriveSync.Pipeline.State;

namespace DriveSync.Pipeline.Work;

/// <summary>
/// A message of the work queue: a coordinator step of a run (<c>{"kind":"Step","run":"…","seq":3}</c>)
/// or a batch to process (<c>{"kind":"Batch","run":"…","batch":7}</c>). Small: the batch itself is a blob.
/// </summary>
public sealed record WorkMessage(
    [property: JsonPropertyName("kind")] WorkKind Kind,
    [property: JsonPropertyName("run")] string RunId,
    [property: JsonPropertyName("seq")] long Seq = 0,
    [property: JsonPropertyName("batch")] int Batch = 0)
{
    public static WorkMessage Step(string runId, long seq) => new(WorkKind.Step, runId, Seq: seq);

    public static WorkMessage ForBatch(string runId, int batch) => new(WorkKind.Batch, runId, Batch: batch);

    public string ToText() => JsonSerializer.Serialize(this, StateJson.Options);

    /// <summary>The message, or null when the text is not a well-formed work message.</summary>
    public static WorkMessage? TryParse(string text)
    {
        try
        {
            var message = JsonSerializer.Deserialize<WorkMessage>(text, StateJson.Options);
            return message is { RunId: { } runId, Batch: >= 0 } && StatePaths.IsValidRunId(runId) ? message : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

/// <summary>What a <see cref="WorkMessage"/> asks for.</summary>
public enum WorkKind
{
    Step,
    Batch,
}
