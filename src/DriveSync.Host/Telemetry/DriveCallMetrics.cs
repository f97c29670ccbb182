using System.Diagnostics.Metrics;
using DriveSync.GoogleDrive;

namespace DriveSync.Host.Telemetry;

/// <summary>
/// Publishes the Drive pacer's process-wide counters (calls, retries, throttles, failures) as observable counters on
/// the meter <see cref="MeterName"/>, so Application Insights and OTLP get them like the pipeline's own metrics.
/// </summary>
public sealed class DriveCallMetrics : IDisposable
{
    /// <summary>The meter's name.</summary>
    public const string MeterName = "DriveSync.Drive";

    private readonly Meter meter;

    /// <summary>Creates the instruments over <paramref name="pacer"/>'s counters.</summary>
    public DriveCallMetrics(DrivePacer pacer)
    {
        meter = new Meter(MeterName);
        var counters = pacer.Counters;
        meter.CreateObservableCounter("drivesync.drive.calls", () => counters.Requests, description: "Drive API requests sent, retries included.");
        meter.CreateObservableCounter("drivesync.drive.retries", () => counters.Retries, description: "Drive API requests that were retries.");
        meter.CreateObservableCounter("drivesync.drive.throttles", () => counters.Throttles, description: "Drive API answers that asked to slow down (429, rate-limit 403).");
        meter.CreateObservableCounter("drivesync.drive.failures", () => counters.Failures, description: "Drive API calls that failed after retries.");
    }

    /// <inheritdoc />
    public void Dispose() => meter.Dispose();
}
