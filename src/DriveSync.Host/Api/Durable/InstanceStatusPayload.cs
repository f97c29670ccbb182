using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using DriveSync.Sanitization.Redaction;
using DurableTask.Core.History;
using Microsoft.DurableTask.Client;

namespace DriveSync.Host.Api.Durable;

/// <summary>
/// One orchestration instance as Durable Functions' HTTP API shows it: the same member names (<c>name</c>,
/// <c>instanceId</c>, <c>runtimeStatus</c>, <c>input</c>, <c>customStatus</c>, <c>output</c>, <c>createdTime</c>,
/// <c>lastUpdatedTime</c>, <c>historyEvents</c> only when asked for) and the same <c>yyyy-MM-ddTHH:mm:ssZ</c> times.
/// </summary>
public sealed record InstanceStatusPayload(
    string Name,
    string InstanceId,
    string RuntimeStatus,
    JsonElement? Input,
    JsonElement? CustomStatus,
    JsonElement? Output,
    string CreatedTime,
    string LastUpdatedTime,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<HistoryEventPayload>? HistoryEvents = null)
{
    /// <summary>
    /// Maps the client's view of an instance. <paramref name="showInput"/> false leaves <c>input</c> null. A failed
    /// instance's <c>output</c> is its failure message (as Durable Functions shows it), passed through the PII scrubber.
    /// </summary>
    public static InstanceStatusPayload From(OrchestrationMetadata instance, bool showInput, IReadOnlyList<HistoryEventPayload>? history = null)
    {
        var output = instance.RuntimeStatus == OrchestrationRuntimeStatus.Failed && instance.FailureDetails is { } failure
            ? JsonSerializer.SerializeToElement(PiiScrubber.Scrub(failure.ErrorMessage))
            : Parse(instance.SerializedOutput);
        return new InstanceStatusPayload(
            instance.Name,
            instance.InstanceId,
            instance.RuntimeStatus.ToString(),
            showInput ? Parse(instance.SerializedInput) : null,
            Parse(instance.SerializedCustomStatus),
            output,
            DurableTime(instance.CreatedAt),
            DurableTime(instance.LastUpdatedAt),
            history);
    }

    /// <summary>A time the way Durable Functions writes it: UTC, whole seconds, <c>Z</c>.</summary>
    public static string DurableTime(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static JsonElement? Parse(string? serialized)
    {
        if (string.IsNullOrEmpty(serialized))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(serialized);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return JsonSerializer.SerializeToElement(serialized);
        }
    }
}

/// <summary>One history event as <c>showHistory=true</c> lists it: its type, id and time (no payloads).</summary>
public sealed record HistoryEventPayload(string EventType, int EventId, string Timestamp)
{
    /// <summary>Maps a Durable Task Framework history event.</summary>
    public static HistoryEventPayload From(HistoryEvent historyEvent) =>
        new(historyEvent.EventType.ToString(), historyEvent.EventId, InstanceStatusPayload.DurableTime(new DateTimeOffset(DateTime.SpecifyKind(historyEvent.Timestamp, DateTimeKind.Utc))));
}

/// <summary>The body of a successful purge, as Durable Functions answers it.</summary>
public sealed record PurgeHistoryPayload(int InstancesDeleted);
