using System.Diagnostics.Metrics;

namespace DriveSync.GoogleDrive;

/// <summary>
/// The Drive API calls of the process on the meter <see cref="MeterName"/>: observable counters over
/// <see cref="DriveCallCounters"/> (<c>drivesync.drive.calls</c>, <c>.retries</c>, <c>.throttles</c>, <c>.failures</c>) and
/// the histogram <c>drivesync.drive.duration</c> of each request in seconds (tag <c>kind</c>: metadata or media). The
/// pacer creates it, so every host that calls Drive exports it once its meter provider listens to <c>DriveSync.*</c>.
/// </summary>
public sealed class DriveCallMetrics : IDisposable
{
    /// <summary>The meter's name.</summary>
    public const string MeterName = "DriveSync.Drive";

    private readonly Meter _meter;
    private readonly bool _ownsMeter;
    private readonly Histogram<double> _duration;

    /// <summary>Creates the instruments over <paramref name="counters"/>, on a meter from <paramref name="meterFactory"/> when given.</summary>
    public DriveCallMetrics(DriveCallCounters counters, IMeterFactory? meterFactory = null)
    {
        ArgumentNullException.ThrowIfNull(counters);
        _ownsMeter = meterFactory is null;
        _meter = meterFactory?.Create(MeterName) ?? new Meter(MeterName);
        _meter.CreateObservableCounter("drivesync.drive.calls", () => counters.Requests, description: "Drive API requests sent, retries included.");
        _meter.CreateObservableCounter("drivesync.drive.retries", () => counters.Retries, description: "Drive API requests that were retries.");
        _meter.CreateObservableCounter("drivesync.drive.throttles", () => counters.Throttles, description: "Drive API answers that asked to slow down (429, rate-limit 403).");
        _meter.CreateObservableCounter("drivesync.drive.failures", () => counters.Failures, description: "Drive API calls that failed after retries.");
        _duration = _meter.CreateHistogram("drivesync.drive.duration", "s", "Duration of each Drive API request (one attempt).", tags: null,
            new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60] });
    }

    /// <summary>Records one request's duration.</summary>
    public void RecordRequest(DriveCallKind kind, TimeSpan duration) =>
        _duration.Record(duration.TotalSeconds, new KeyValuePair<string, object?>("kind", kind == DriveCallKind.Media ? "media" : "metadata"));

    /// <inheritdoc />
    public void Dispose()
    {
        if (_ownsMeter)
            _meter.Dispose();
    }
}
