using DriveSync.Pipeline.Ledger;

namespace DriveSync.Pipeline.Runs;

/// <summary>What a run does with one listed file, from how it stands against the ledger and the run's settings.</summary>
/// <param name="Process">Download, sanitize and upload it (else it is Skipped, unchanged).</param>
/// <param name="Reprocess">Its output for this version was written under another policy (or the run reprocesses everything): replace it.</param>
/// <param name="ReplacesVersions">Remove every other output of the file once the new one exists (a changed file, with <c>DeleteRemoved</c>).</param>
public readonly record struct ListingDecision(bool Process, bool Reprocess, bool ReplacesVersions)
{
    /// <summary>The decision for a file whose ledger match is <paramref name="match"/>.</summary>
    public static ListingDecision For(LedgerMatch match, bool reprocessOnPolicyChange, bool reprocessAll, bool deleteRemoved) => match switch
    {
        LedgerMatch.New => new(true, false, false),
        LedgerMatch.Changed or LedgerMatch.ChangedWithoutOutput => new(true, false, deleteRemoved),
        LedgerMatch.OtherPolicy when reprocessOnPolicyChange || reprocessAll => new(true, true, deleteRemoved),
        _ when reprocessAll => new(true, true, deleteRemoved),
        _ => new(false, false, false),
    };
}
