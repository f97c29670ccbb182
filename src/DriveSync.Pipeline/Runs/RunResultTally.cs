using DriveSync.Pipeline.Ledger;
using DriveSync.Pipeline.State;

namespace DriveSync.Pipeline.Runs;

/// <summary>
/// What finishing a run needs from its file results, folded batch by batch as the manifest streams (so no list of
/// every result is held): the counters, the files to merge into the ledger (hashed, ≈ 40 bytes each: Uploaded with the
/// policy of their output, Quarantined without output; Skipped files keep the entry they have), the hashes of every
/// listed file id (for the ledger diff of a full listing), whether any file failed, and the ids of the uploaded files
/// when the post-action will move them. Removed results are outputs, not listed files: they count apart.
/// </summary>
/// <param name="collectUploaded">Whether to keep the ids of the Uploaded files (for the post-action).</param>
public sealed class RunResultTally(bool collectUploaded)
{
    private readonly List<string> _uploaded = [];
    private readonly Dictionary<string, long> _pii = new(StringComparer.Ordinal);

    /// <summary>The run's Uploaded and Quarantined file versions.</summary>
    public FileLedger Done { get; } = new();

    /// <summary>The hashes of the ids of every listed file, whatever its outcome.</summary>
    public HashSet<ulong> Listed { get; } = [];

    /// <summary>True when any file ended Failed.</summary>
    public bool AnyFailed => Failed > 0;

    /// <summary>The number of file results folded in (the run's listed files).</summary>
    public long Files { get; private set; }

    public long Uploaded { get; private set; }
    public long Skipped { get; private set; }
    public long Quarantined { get; private set; }
    public long Failed { get; private set; }
    public long Reprocessed { get; private set; }
    public long Removed { get; private set; }
    public long BytesRead { get; private set; }
    public long BytesWritten { get; private set; }

    /// <summary>PII found per type.</summary>
    public IReadOnlyDictionary<string, long> PiiFound => _pii;

    /// <summary>The ids of the Uploaded files, in manifest order; empty unless asked for at construction.</summary>
    public IReadOnlyList<string> UploadedIds => _uploaded;

    /// <summary>Folds one batch's results in.</summary>
    public void Add(IEnumerable<FileResult> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        foreach (var result in results)
        {
            if (result.Outcome == FileOutcome.Removed)
            {
                Removed++;
                continue;
            }
            Files++;
            Listed.Add(FileLedger.Hash(result.Id));
            switch (result.Outcome)
            {
                case FileOutcome.Uploaded:
                    Uploaded++;
                    Reprocessed += result.Reprocessed ? 1 : 0;
                    Done.Set(result.Id, result.Version, result.Policy ?? "");
                    break;
                case FileOutcome.Skipped: Skipped++; break;
                case FileOutcome.Quarantined:
                    Quarantined++;
                    Done.Set(result.Id, result.Version, null);
                    break;
                default: Failed++; break;
            }
            BytesRead += result.BytesRead;
            BytesWritten += result.BytesWritten;
            foreach (var (type, count) in result.Pii)
                _pii[type] = _pii.GetValueOrDefault(type) + count;
            if (collectUploaded && result.Outcome == FileOutcome.Uploaded)
                _uploaded.Add(result.Id);
        }
    }

    /// <summary>The counters in the summary's shape.</summary>
    public RunCounters Counters() => new(Files, Uploaded, Skipped, Quarantined, Failed, BytesRead, BytesWritten, new Dictionary<string, long>(_pii, StringComparer.Ordinal),
        Reprocessed, Removed);
}
