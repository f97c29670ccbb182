using DriveSync.Pipeline.Ledger;
using DriveSync.Pipeline.Orchestration;
using DriveSync.Pipeline.Ports;
using DriveSync.Pipeline.State;
using DriveSync.Pipeline.Work;
using Microsoft.Extensions.Logging;

namespace DriveSync.Pipeline.Runs;

/// <summary>
/// The work of the ListPage activity. Lists the next page of the folder (or, on an incremental run's first page, the
/// files changed since the last completed run), drops the files the ledger holds at this version (recorded Skipped in a
/// result blob of their own), cuts the rest into batch manifests (<c>BatchSize</c> files, <c>BatchByteCap</c> bytes) and
/// saves the next cursor as a blob. Names are sanitized before anything is written. The first page checks that the run
/// still holds the folder's claim. A dry run lists every page in one call and writes nothing.
/// </summary>
public sealed class PageLister(
    IBlobStore blobs,
    IDriveSource source,
    IFileSanitizer sanitizer,
    LedgerStore ledgers,
    ChangeScanner changes,
    ChangeStateStore changeStates,
    PipelineMetrics metrics,
    PipelineOptions options,
    ILogger<PageLister> logger)
{
    public Task<ListPageOutput> ListAsync(ListPageInput input, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(input);
        return RunTracing.InSpanAsync(RunTracing.Page, input.RunId, input.TraceParent, async span =>
        {
            span?.SetTag("drivesync.page", input.Page);
            var output = await ListPageAsync(input, ct);
            span?.SetTag("drivesync.listed", output.Listed);
            span?.SetTag("drivesync.batches", output.Batches.Count);
            return output;
        });
    }

    private async Task<ListPageOutput> ListPageAsync(ListPageInput input, CancellationToken ct)
    {
        if (input.DryRun)
            return await PlanAsync(input, ct);
        if (input.Page == 0)
            await CheckClaimAsync(input.RunId, ct);

        var ledger = await Guard.StorageAsync("ledger read", blobs, () => ledgers.ForRunAsync(input.RunId, source.SourceId, ct));
        var tracksChanges = input.UseChanges && input.Limit is null;
        var (page, incremental) = await ReadPageAsync(input, tracksChanges, ledger, ct);

        IReadOnlyList<SourceFile> files = page.Files;
        var last = page.NextCursor is null;
        if (input.Limit is { } limit && input.ListedSoFar + files.Count >= limit)
        {
            files = files.Take((int)Math.Max(0, limit - input.ListedSoFar)).ToList();
            last = true;
        }

        var todo = new List<BatchFile>();
        var unchanged = new List<BatchFile>();
        foreach (var file in files)
        {
            var batchFile = BatchFile.From(file, OutputNaming.StoredName(sanitizer.SanitizeName(file.Name), file.ExportMimeType));
            var decision = Decide(ledger, file, input);
            if (decision.Process)
                todo.Add(batchFile with { Reprocess = decision.Reprocess, ReplacesVersions = decision.ReplacesVersions });
            else
                unchanged.Add(batchFile);
        }

        var output = await Guard.StorageAsync("listing write", blobs,
            () => WritePageAsync(input, page, files.Count, todo, unchanged, last, tracksChanges && !incremental, ct));
        logger.LogInformation("Run {RunId} listed page {Page}: {Files} files, {Batches} batches, {Unchanged} unchanged",
            input.RunId, input.Page, files.Count, output.Batches.Count, unchanged.Count);
        return output;
    }

    /// <summary>The page to cut: the changed files of an incremental run, or the next page of the tree.</summary>
    private async Task<(SourcePage Page, bool Incremental)> ReadPageAsync(ListPageInput input, bool tracksChanges, FileLedger ledger, CancellationToken ct)
    {
        if (input.Page == 0 && tracksChanges)
        {
            var reprocessing = input.ReprocessAll || (input.ReprocessOnPolicyChange && ledger.AnyOutputUnderAnotherPolicy(sanitizer.Policy));
            if (reprocessing)
                logger.LogInformation("Run {RunId} lists the whole tree: outputs written under another sanitizer policy are reprocessed", input.RunId);
            else if (await Guard.DriveAsync("changes listing", source, () => changes.ScanAsync(input.RunId, source.SourceId, ledger.ContainsFile, ct)) is { } scan)
            {
                await Guard.StorageAsync("listing write", blobs, async () =>
                {
                    if (input.DeleteRemoved)
                        await WriteJsonAsync(StatePaths.Gone(input.RunId), scan.Gone, ct);
                    await changeStates.SaveRunAsync(input.RunId, new RunChangeStart(true, scan.Next.Token, scan.Next.RootFolderId), ct);
                });
                return (new SourcePage(scan.Files, null), true);
            }
            var start = await Guard.DriveAsync("changes start", source, () => source.StartChangesAsync(ct));
            await Guard.StorageAsync("listing write", blobs,
                () => changeStates.SaveRunAsync(input.RunId, new RunChangeStart(false, start.Token, start.RootFolderId), ct));
        }
        string? cursor = null;
        if (input.CursorRef is { } cursorRef)
        {
            var blob = await Guard.StorageAsync("cursor read", blobs, () => blobs.ReadAsync(options.StateContainer, cursorRef, ct))
                ?? throw new StorageStopException($"The listing cursor of page {input.Page} is missing.");
            cursor = blob.Content.ToString();
        }
        return (await Guard.DriveAsync("listing", source, () => source.ListPageAsync(cursor, ct)), false);
    }

    private async Task<ListPageOutput> WritePageAsync(ListPageInput input, SourcePage page, int listed, List<BatchFile> todo,
        List<BatchFile> unchanged, bool last, bool recordWatched, CancellationToken ct)
    {
        if (recordWatched && page.Watched is { Count: > 0 } watched)
            await changeStates.WriteRunWatchedAsync(input.RunId, input.Page, watched, ct);

        var number = input.FirstBatch;
        var batches = new List<BatchRef>();
        foreach (var batch in BatchPlanner.Plan(todo, options.BatchSize, options.BatchByteCap))
        {
            var name = StatePaths.Batch(input.RunId, number);
            await WriteJsonAsync(name, new BatchManifest(input.RunId, number, batch), ct);
            batches.Add(new BatchRef(number, name, batch.Count));
            number++;
        }
        if (unchanged.Count > 0)
        {
            var skipped = new BatchResult(number, unchanged.Select(f => FileResult.Without(f, FileOutcome.Skipped, "Unchanged since an earlier run.")).ToList());
            await WriteJsonAsync(StatePaths.Result(input.RunId, number), skipped, ct);
            metrics.Record(skipped);
            number++;
        }

        string? nextCursorRef = null;
        if (!last)
        {
            nextCursorRef = StatePaths.Cursor(input.RunId, input.Page + 1);
            using var content = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(page.NextCursor!));
            await blobs.WriteAsync(options.StateContainer, nextCursorRef, content, BlobWriteOptions.Json(), ct);
        }
        return new ListPageOutput(input.Page, batches, number, listed, unchanged.Count, nextCursorRef, last);
    }

    /// <summary>The first page of a run checks that the folder's claim still names it (a start may have taken over a stale claim).</summary>
    private async Task CheckClaimAsync(string runId, CancellationToken ct)
    {
        var blob = await Guard.StorageAsync("claim read", blobs, () => blobs.ReadAsync(options.StateContainer, StatePaths.Active(source.SourceId), ct));
        if (blob is null || StateJson.Deserialize<ActiveRun>(blob.Content).RunId != runId)
            throw new RunSupersededException("The folder's claim names another run; this run did nothing.");
    }

    /// <summary>
    /// A dry run: every page (up to the limit) against the ledger as stored; nothing is written. Counts the files it would
    /// process (and their bytes), reprocess, and — with <c>DeleteRemoved</c> — the files whose outputs would go: changed
    /// files' earlier versions and, when the whole tree was listed, recorded files with outputs that the listing missed.
    /// </summary>
    private async Task<ListPageOutput> PlanAsync(ListPageInput input, CancellationToken ct)
    {
        var ledger = await Guard.StorageAsync("ledger read", blobs, async () =>
            await blobs.GetMetadataAsync(options.StateContainer, StatePaths.Ledger(source.SourceId), ct) is null
                ? new FileLedger()
                : await ledgers.LoadCurrentAsync(source.SourceId, ct));
        long listed = 0, skipped = 0, bytes = 0, reprocess = 0, removals = 0;
        var seen = new HashSet<ulong>();
        string? cursor = null;
        do
        {
            var page = await Guard.DriveAsync("listing", source, () => source.ListPageAsync(cursor, ct));
            foreach (var file in page.Files.Take((int)Math.Min(int.MaxValue, (input.Limit ?? long.MaxValue) - listed)))
            {
                listed++;
                seen.Add(FileLedger.Hash(file.Id));
                var match = ledger.Match(file.Id, file.VersionKey, sanitizer.Policy);
                var decision = ListingDecision.For(match, input.ReprocessOnPolicyChange, input.ReprocessAll, input.DeleteRemoved);
                if (!decision.Process)
                {
                    skipped++;
                    continue;
                }
                bytes += file.Size;
                reprocess += decision.Reprocess ? 1 : 0;
                removals += decision.ReplacesVersions && match == LedgerMatch.Changed ? 1 : 0;
            }
            cursor = page.NextCursor;
        }
        while (cursor is not null && listed < (input.Limit ?? long.MaxValue));
        if (input.DeleteRemoved && cursor is null && input.Limit is null && listed > 0)
            removals += ledger.FileHashes.Count(h => !seen.Contains(h) && ledger.HasOutput(h));
        return new ListPageOutput(0, [], 0, listed, skipped, null, true, bytes, reprocess, removals);
    }

    private ListingDecision Decide(FileLedger ledger, SourceFile file, ListPageInput input) =>
        ListingDecision.For(ledger.Match(file.Id, file.VersionKey, sanitizer.Policy), input.ReprocessOnPolicyChange, input.ReprocessAll, input.DeleteRemoved);

    private async Task WriteJsonAsync<T>(string name, T value, CancellationToken ct)
    {
        using var content = new MemoryStream(StateJson.Serialize(value));
        await blobs.WriteAsync(options.StateContainer, name, content, BlobWriteOptions.Json(), ct);
    }
}
