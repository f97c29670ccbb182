using System.Collections.Concurrent;
using Microsoft.ApplicationInsights.Channel;

namespace DriveSync.Deployment.Tests;

/// <summary>An Application Insights channel that keeps what it is sent (the wire, faked).</summary>
internal sealed class CapturingTelemetryChannel : ITelemetryChannel
{
    /// <summary>Everything sent, in order.</summary>
    public ConcurrentQueue<ITelemetry> Items { get; } = new();

    /// <inheritdoc />
    public bool? DeveloperMode { get; set; }

    /// <inheritdoc />
    public string? EndpointAddress { get; set; }

    /// <inheritdoc />
    public void Send(ITelemetry item) => Items.Enqueue(item);

    /// <inheritdoc />
    public void Flush()
    {
    }

    /// <inheritdoc />
    public void Dispose()
    {
    }
}
