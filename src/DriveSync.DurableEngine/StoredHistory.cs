using DurableTask.Core.History;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace DriveSync.DurableEngine;

/// <summary>
/// Reads an instance's history as the Azure Storage backend hands it out (a JSON array written by Newtonsoft without
/// type names) back into typed <see cref="HistoryEvent"/>s, choosing each event's class by its <c>EventType</c>
/// (<c>TaskScheduled</c> → <see cref="TaskScheduledEvent"/>, the naming every DTFx event class follows).
/// </summary>
internal static class StoredHistory
{
    private static readonly JsonSerializer Serializer = JsonSerializer.Create(new JsonSerializerSettings
    {
        ConstructorHandling = ConstructorHandling.AllowNonPublicDefaultConstructor,
        MissingMemberHandling = MissingMemberHandling.Ignore,
        DateTimeZoneHandling = DateTimeZoneHandling.Utc,
    });

    private static readonly Dictionary<string, Type> EventClasses =
        HistoryEvent.KnownTypes().ToDictionary(t => t.Name, StringComparer.Ordinal);

    /// <summary>The events of <paramref name="json"/>, oldest first.</summary>
    public static IList<HistoryEvent> Read(string json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return [];
        }

        var events = new List<HistoryEvent>();
        foreach (var item in JArray.Parse(json).OfType<JObject>())
        {
            var type = item.Value<int?>(nameof(HistoryEvent.EventType)) is { } number ? (EventType)number : throw Unreadable();
            if (!EventClasses.TryGetValue(type + "Event", out var eventClass))
            {
                throw new InvalidOperationException($"The task hub's history holds an event of type {type}, which this engine version does not know.");
            }

            events.Add((HistoryEvent)(item.ToObject(eventClass, Serializer) ?? throw Unreadable()));
        }

        return events;
    }

    private static InvalidOperationException Unreadable() => new("The task hub's history holds an event without a readable EventType.");
}
