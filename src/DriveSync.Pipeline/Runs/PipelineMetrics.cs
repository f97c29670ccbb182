using System.Diagnostics.Metrics;
using DriveSync.Pipeline.State;

namespace DriveSync.Pipeline.Runs;

/// <summary>
/// The pipeline's metrics, on the meter <see cref="MeterName"/>: <c>drivesync.files</c> (tag outcome),
/// <c>drivesync.bytes</c> (tag direction = read / written), <c>drivesync.pii</c> (tag type), <c>drivesync.reprocessed</c>
/// (uploaded files that replaced an output written under another sanitizer policy), <c>drivesync.removed</c> (outputs
/// deleted: their source left the tree or a newer output superseded them; not counted in <c>drivesync.files</c>).
/// </summary>
public sealed class PipelineMetrics : IDisposable
{
    public const string MeterName = "DriveSync.Pipeline";

    private readonly Meter _meter;
    private readonly Counter<long> _files;
    private readonly Counter<long> _bytes;
    private readonly Counter<long> _pii;
    private readonly Counter<long> _reprocessed;
    private readonly Counter<long> _removed;

    public PipelineMetrics(IMeterFactory? meterFactory = null)
    {
        _meter = meterFactory?.Create(MeterName) ?? new Meter(MeterName);
        _files = _meter.CreateCounter<long>("drivesync.files", description: "Files that reached an outcome.");
        _bytes = _meter.CreateCounter<long>("drivesync.bytes", "By", "Bytes read from Drive and written to storage.");
        _pii = _meter.CreateCounter<long>("drivesync.pii", description: "Personal data found and redacted, by type.");
        _reprocessed = _meter.CreateCounter<long>("drivesync.reprocessed", description: "Uploaded files that replaced an output written under another sanitizer policy.");
        _removed = _meter.CreateCounter<long>("drivesync.removed", description: "Outputs deleted because their source left the tree or a newer output superseded them.");
    }

    public void Record(BatchResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        Record(result.Files);
    }

    /// <summary>Counts file results (a batch's, or the removals a run's finalization made).</summary>
    public void Record(IEnumerable<FileResult> files)
    {
        ArgumentNullException.ThrowIfNull(files);
        foreach (var file in files)
        {
            if (file.Outcome == FileOutcome.Removed)
            {
                _removed.Add(1);
                continue;
            }
            if (file.Reprocessed && file.Outcome == FileOutcome.Uploaded)
                _reprocessed.Add(1);
            _files.Add(1, new KeyValuePair<string, object?>("outcome", file.Outcome.ToString().ToLowerInvariant()));
            _bytes.Add(file.BytesRead, new KeyValuePair<string, object?>("direction", "read"));
            _bytes.Add(file.BytesWritten, new KeyValuePair<string, object?>("direction", "written"));
            foreach (var (type, count) in file.Pii)
                _pii.Add(count, new KeyValuePair<string, object?>("type", type));
        }
    }

    public void Dispose() => _meter.Dispose();
}
