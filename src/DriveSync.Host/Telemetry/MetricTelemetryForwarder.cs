using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using DriveSync.Pipeline.Runs;
using DriveSync.Sanitization.Redaction;
using Microsoft.ApplicationInsights;

namespace DriveSync.Host.Telemetry;

/// <summary>
/// Forwards the pipeline's and the Drive client's metrics to Application Insights: counter measurements as they
/// happen, observable (cumulative) counters as the increase since the last collection. Tag values become metric
/// dimensions (outcome, direction, PII type).
/// </summary>
public sealed class MetricTelemetryForwarder : IDisposable
{
    private static readonly HashSet<string> Meters = [PipelineMetrics.MeterName, DriveCallMetrics.MeterName];

    private readonly TelemetryClient client;
    private readonly MeterListener listener;
    private readonly ConcurrentDictionary<Instrument, long> lastObserved = new();

    /// <summary>Starts listening.</summary>
    public MetricTelemetryForwarder(TelemetryClient client)
    {
        this.client = client;
        listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (Meters.Contains(instrument.Meter.Name))
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Track(instrument, value, tags));
        listener.SetMeasurementEventCallback<int>((instrument, value, tags, _) => Track(instrument, value, tags));
        listener.Start();
    }

    /// <summary>Reads the observable counters now (call before flushing).</summary>
    public void Collect() => listener.RecordObservableInstruments();

    /// <inheritdoc />
    public void Dispose() => listener.Dispose();

    private void Track(Instrument instrument, long value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        if (instrument.IsObservable)
        {
            var previous = lastObserved.GetValueOrDefault(instrument);
            lastObserved[instrument] = value;
            value -= previous;
            if (value <= 0)
            {
                return;
            }
        }

        switch (tags.Length)
        {
            case 0:
                client.GetMetric(instrument.Name).TrackValue(value);
                break;
            case 1:
                client.GetMetric(instrument.Name, tags[0].Key).TrackValue(value, Dimension(tags[0].Value));
                break;
            default:
                client.GetMetric(instrument.Name, tags[0].Key, tags[1].Key).TrackValue(value, Dimension(tags[0].Value), Dimension(tags[1].Value));
                break;
        }
    }

    private static string Dimension(object? value) => PiiScrubber.Scrub(Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture)) ?? string.Empty;
}
