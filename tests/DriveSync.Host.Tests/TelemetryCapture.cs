using System.Collections.Concurrent;
using Microsoft.ApplicationInsights.Channel;

namespace DriveSync.Host.Tests;

/// <summary>An Application Insights channel that keeps what would be sent: the telemetry "wire".</summary>
public sealed class TelemetryCapture : ITelemetryChannel
{
    private readonly ConcurrentQueue<ITelemetry> items = new();

    public IReadOnlyCollection<ITelemetry> Items => items;

    public bool? DeveloperMode { get; set; }

    public string EndpointAddress { get; set; } = string.Empty;

    public void Send(ITelemetry item) => items.Enqueue(item);

    public void Flush()
    {
    }

    public void Dispose()
    {
    }

    /// <summary>Every captured item serialized exactly as the SDK would upload it.</summary>
    public string Serialized() =>
        System.Text.Encoding.UTF8.GetString(Microsoft.ApplicationInsights.Extensibility.Implementation.JsonSerializer.Serialize(items.ToList(), compress: false));
}
