using System.Diagnostics.Metrics;
using DriveSync.Pipeline.State;

namespace DriveSync.Pipeline.Runs;

/// <summary>
/// The pipeline's metrics, on the meter <see cref="MeterName"/>: <c>drivesync.files</c> (tag outcome),
/// <c>drivesync.bytes</c> (tag direction = read / written), <c>drivesync.pii</c> (tag type).
/// </summary>
public sealed class PipelineMetrics : IDisposable
{
    public const string MeterName = "DriveSync.Pipeline";

    private readonly Meter _meter;
    private readonly Counter<long> _files;
    private readonly Counter<long> _bytes;
    private readonly Counter<long> _pii;

    public PipelineMetrics(IMeterFactory? meterFactory = null)
    {
        _meter = meterFactory?.Create(MeterName) ?? new Meter(MeterName);
        _files = _meter.CreateCounter<long>("drivesync.files", description: "Files that reached an outcome.");
        _bytes = _meter.CreateCounter<long>("drivesync.bytes", "By", "Bytes read from Drive and written to storage.");
        _pii = _meter.CreateCounter<long>("drivesync.pii", description: "Personal data found and redacted, by type.");
    }

    public void Record(BatchResult result)
    {
        foreach (var file in result.Files)
        {
            _files.Add(1, new KeyValuePair<string, object?>("outcome", file.Outcome.ToString().ToLowerInvariant()));
            _bytes.Add(file.BytesRead, new KeyValuePair<string, object?>("direction", "read"));
            _bytes.Add(file.BytesWritten, new KeyValuePair<string, object?>("direction", "written"));
            foreach (var (type, count) in file.Pii)
                _pii.Add(count, new KeyValuePair<string, object?>("type", type));
        }
    }

    public void Dispose() => _meter.Dispose();
}
