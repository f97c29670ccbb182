using System.Collections.Concurrent;
using System.Diagnostics.Tracing;
using System.Globalization;

namespace DriveSync.Bench;

/// <summary>
/// Where a run's garbage comes from: listens to the runtime's GC allocation ticks (one about every 100 KB allocated,
/// naming the type then being allocated) and prints the types with the most sampled bytes, small- and large-object heap apart.
/// </summary>
internal sealed class AllocationProfile : EventListener
{
    private const EventKeywords GcKeyword = (EventKeywords)0x1;
    private readonly ConcurrentDictionary<string, long> bytesByType = new(StringComparer.Ordinal);

    /// <summary>The types with the most sampled allocation, largest first, as "MB  heap  type" lines.</summary>
    public IEnumerable<string> Top(int count) => bytesByType.OrderByDescending(t => t.Value).Take(count)
        .Select(t => string.Create(CultureInfo.InvariantCulture, $"{t.Value / 1e6,10:F0} MB  {t.Key}"));

    protected override void OnEventSourceCreated(EventSource eventSource)
    {
        if (eventSource.Name == "Microsoft-Windows-DotNETRuntime")
            EnableEvents(eventSource, EventLevel.Verbose, GcKeyword);
    }

    protected override void OnEventWritten(EventWrittenEventArgs eventData)
    {
        if (!(eventData.EventName ?? "").StartsWith("GCAllocationTick", StringComparison.Ordinal) || eventData.Payload is null)
            return;
        var names = eventData.PayloadNames!;
        var type = eventData.Payload[names.IndexOf("TypeName")] as string ?? "?";
        var large = Convert.ToInt32(eventData.Payload[names.IndexOf("AllocationKind")], CultureInfo.InvariantCulture) == 1;
        var amount = Convert.ToInt64(eventData.Payload[names.IndexOf("AllocationAmount64")], CultureInfo.InvariantCulture);
        bytesByType.AddOrUpdate((large ? "LOH  " : "SOH  ") + type, amount, (_, total) => total + amount);
    }
}
