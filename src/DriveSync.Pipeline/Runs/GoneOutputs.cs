using DriveSync.Pipeline.Ledger;
using DriveSync.Pipeline.Ports;
using DriveSync.Pipeline.State;
using DriveSync.Pipeline.Work;
using Microsoft.Extensions.Logging;

namespace DriveSync.Pipeline.Runs;

/// <summary>
/// Which outputs a completed run removes because their sources left the tree (<c>DeleteRemoved</c>), and which ledger
/// entries it forgets. An incremental run takes the known files its change list showed deleted, trashed or moved out
/// (<c>runs/{run}/gone.json</c>); a full listing compares what it listed with the ledger: every recorded file it did not
/// list is gone, and its outputs are found by a listing of the output container. A full listing that found no file at
/// all removes nothing (the credentials more likely lost access than the folder emptied). The plan is written once
/// (<c>runs/{run}/removed.json</c>) before anything is deleted, so a repeated finalization deletes and reports the same.
/// </summary>
public sealed class GoneOutputs(
    IBlobStore blobs,
    IDriveSource source,
    LedgerStore ledgers,
    ChangeStateStore changeStates,
    OutputRemover remover,
    PipelineMetrics metrics,
    PipelineOptions options,
    ILogger<GoneOutputs> logger)
{
    private const int PageSize = 5000;

    /// <summary>The run's removal plan (made now, or the one an earlier attempt wrote).</summary>
    /// <param name="runId">The run.</param>
    /// <param name="listed">Hashes of the ids of every file the run listed.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    public async Task<RemovalPlan> PlanAsync(string runId, IReadOnlySet<ulong> listed, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(listed);
        var name = StatePaths.Removals(runId);
        if (await blobs.ReadAsync(options.StateContainer, name, cancellationToken) is { } saved)
            return StateJson.Deserialize<RemovalPlan>(saved.Content);

        var start = await changeStates.LoadRunAsync(runId, cancellationToken);
        var plan = start?.Incremental == true
            ? await FromChangesAsync(runId, cancellationToken)
            : await FromLedgerAsync(runId, listed, cancellationToken);
        using (var content = new MemoryStream(StateJson.Serialize(plan)))
        {
            if (await blobs.WriteAsync(options.StateContainer, name, content, BlobWriteOptions.Json(WriteCondition.IfAbsent), cancellationToken) is not null)
            {
                metrics.Record(plan.Lines);
                return plan;
            }
        }
        var winner = await blobs.ReadAsync(options.StateContainer, name, cancellationToken)
            ?? throw new InvalidDataException("The removal plan vanished after a conflicting write.");
        return StateJson.Deserialize<RemovalPlan>(winner.Content);
    }

    private async Task<RemovalPlan> FromChangesAsync(string runId, CancellationToken cancellationToken)
    {
        var gone = await blobs.ReadAsync(options.StateContainer, StatePaths.Gone(runId), cancellationToken) is { } blob
            ? StateJson.Deserialize<List<GoneFile>>(blob.Content)
            : [];
        var lines = new List<FileResult>();
        foreach (var file in gone)
        {
            var reason = file.Reason == GoneReason.MovedOut ? OutputRemover.MovedOutOfTree : OutputRemover.RemovedInDrive;
            lines.AddRange((await remover.OutputsOfAsync(file.Id, cancellationToken)).Select(output => OutputRemover.Removed(output, reason)));
        }
        return new RemovalPlan(lines, [.. gone.Select(g => FileLedger.Hash(g.Id))]);
    }

    private async Task<RemovalPlan> FromLedgerAsync(string runId, IReadOnlySet<ulong> listed, CancellationToken cancellationToken)
    {
        var ledger = await ledgers.LoadCurrentAsync(source.SourceId, cancellationToken);
        if (listed.Count == 0)
        {
            if (ledger.Count > 0)
                logger.LogWarning("Run {RunId} listed no file at all: nothing is removed ({Recorded} files recorded)", runId, ledger.Count);
            return new RemovalPlan([], []);
        }
        var stale = ledger.FileHashes.Where(h => !listed.Contains(h)).ToHashSet();
        var lines = new List<FileResult>();
        if (stale.Any(ledger.HasOutput))
        {
            string? marker = null;
            do
            {
                var page = await blobs.ListAsync(options.OutputContainer, "", marker, PageSize, cancellationToken);
                lines.AddRange(page.Names.Where(n => stale.Contains(FileLedger.Hash(OutputNaming.Parse(n).FileId)))
                    .Select(n => OutputRemover.Removed(n, OutputRemover.NotListed)));
                marker = page.NextMarker;
            }
            while (marker is not null);
        }
        return new RemovalPlan(lines, [.. stale]);
    }
}

/// <summary>The outputs a run removes (Removed results with their reasons) and the ledger entries it forgets (id hashes).</summary>
public sealed record RemovalPlan(IReadOnlyList<FileResult> Lines, IReadOnlyList<ulong> Forget);
