using DriveSync.Pipeline.Ledger;
using DriveSync.Pipeline.State;

namespace DriveSync.Pipeline.Runs;

/// <summary>
/// What finishing a run needs from its file results, folded batch by batch as the manifest streams (so no list of
/// every result is held): the files to merge into the ledger (hashed, ≈ 30 bytes each), whether any file failed, and
/// the ids of the uploaded files when the post-action will move them.
/// </summary>
/// <param name="expectedFiles">The run's listed files: sizes the ledger once instead of growing it (no large-object garbage).</param>
/// <param name="collectUploaded">Whether to keep the ids of the Uploaded files (for the post-action).</param>
public sealed class RunResultTally(long expectedFiles, bool collectUploaded)
{
    private readonly List<string> _uploaded = [];

    /// <summary>The run's Uploaded, Quarantined and Skipped file versions.</summary>
    public FileLedger Done { get; } = new((int)Math.Clamp(expectedFiles, 0, int.MaxValue));

    /// <summary>True when any file ended Failed.</summary>
    public bool AnyFailed { get; private set; }

    /// <summary>The number of file results folded in.</summary>
    public long Files { get; private set; }

    /// <summary>The ids of the Uploaded files, in manifest order; empty unless asked for at construction.</summary>
    public IReadOnlyList<string> Uploaded => _uploaded;

    /// <summary>Folds one batch's results in.</summary>
    public void Add(IEnumerable<FileResult> results)
    {
        foreach (var result in results)
        {
            Files++;
            switch (result.Outcome)
            {
                case FileOutcome.Uploaded or FileOutcome.Quarantined or FileOutcome.Skipped:
                    Done.Set(result.Id, result.Version);
                    break;
                case FileOutcome.Failed:
                    AnyFailed = true;
                    break;
            }
            if (collectUploaded && result.Outcome == FileOutcome.Uploaded)
                _uploaded.Add(result.Id);
        }
    }
}
