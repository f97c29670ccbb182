using DriveSync.Pipeline.Runs;
namespace DriveSync.Pipeline.Orchestration;

/// <summary>
/// Folds listing pages and batch outcomes into a run's counters and produces its <see cref="RunProgress"/>. Pure: the
/// time comes from the orchestration (its <c>CurrentUtcDateTime</c>), so replays compute the same values.
/// </summary>
public sealed class RunProgressTracker(RunCarry carry, string sourceId, string trigger, bool dryRun, int windowFiles)
{
    private readonly List<ProgressSample> _window = [.. carry.Window];
    private readonly Dictionary<string, long> _pii = new(carry.Tally.PiiFound, StringComparer.Ordinal);
    private RunCounters _tally = carry.Tally;
    private DateTimeOffset _lastProgressAt = carry.StartedAt;

    public RunCounters Tally => _tally with { PiiFound = new Dictionary<string, long>(_pii, StringComparer.Ordinal) };

    public IReadOnlyList<ProgressSample> Window => [.. _window];

    public DateTimeOffset StartedAt { get; } = carry.StartedAt;

    /// <summary>Counts a listed page: its files, and those the ledger skipped at once.</summary>
    public void AddPage(ListPageOutput page, DateTimeOffset now)
    {
        _tally = _tally with { Listed = _tally.Listed + page.Listed, Skipped = _tally.Skipped + page.Skipped };
        Sample(now);
    }

    /// <summary>Counts a finished batch.</summary>
    public void AddBatch(BatchOutcome batch, DateTimeOffset now)
    {
        _tally = _tally with
        {
            Uploaded = _tally.Uploaded + batch.Uploaded,
            Skipped = _tally.Skipped + batch.Skipped,
            Quarantined = _tally.Quarantined + batch.Quarantined,
            Failed = _tally.Failed + batch.Failed,
            BytesRead = _tally.BytesRead + batch.BytesRead,
            BytesWritten = _tally.BytesWritten + batch.BytesWritten,
            Reprocessed = _tally.Reprocessed + batch.Reprocessed,
            Removed = _tally.Removed + batch.Removed,
        };
        foreach (var (type, count) in batch.PiiFound)
            _pii[type] = _pii.GetValueOrDefault(type) + count;
        Sample(now);
    }

    /// <summary>The custom status for the phase.</summary>
    public RunProgress Progress(string phase, bool listingComplete, int batchesInFlight, string? failureReason = null, string? failureHint = null) =>
        new(phase, _tally.Listed, listingComplete, _tally.Uploaded, _tally.Skipped, _tally.Quarantined, _tally.Failed,
            _tally.BytesRead, _tally.BytesWritten, new Dictionary<string, long>(_pii, StringComparer.Ordinal), StartedAt, _lastProgressAt,
            FilesPerSecond(), batchesInFlight, trigger, dryRun, failureReason, failureHint, _tally.Reprocessed, _tally.Removed);

    /// <summary>A summary from the orchestrator's own counters (runs that end without FinalizeRun: dry and superseded runs).</summary>
    public RunSummary Summary(string runId, string status, DateTimeOffset now, string? failureReason = null, string? failureHint = null) =>
        new(runId, sourceId, trigger, status, dryRun, _tally.Listed, _tally.Uploaded, _tally.Skipped, _tally.Quarantined, _tally.Failed,
            _tally.BytesRead, _tally.BytesWritten, new Dictionary<string, long>(_pii, StringComparer.Ordinal), StartedAt, now, failureReason, failureHint,
            _tally.Reprocessed, _tally.Removed);

    /// <summary>Files per second between the oldest sample of the window and the newest; 0 until they differ in time.</summary>
    public double FilesPerSecond()
    {
        if (_window.Count < 2)
            return 0;
        var (first, last) = (_window[0], _window[^1]);
        var seconds = (last.At - first.At).TotalSeconds;
        return seconds > 0 ? Math.Round((last.Done - first.Done) / seconds, 1) : 0;
    }

    /// <summary>Adds a sample and drops the oldest ones while the rest still span at least the window's files.</summary>
    private void Sample(DateTimeOffset now)
    {
        _lastProgressAt = now;
        var done = _tally.Done;
        _window.Add(new ProgressSample(now, done));
        while (_window.Count > 2 && done - _window[1].Done >= windowFiles)
            _window.RemoveAt(0);
    }
}
