using System.Runtime.CompilerServices;
using System.Text.Json;
using DriveSync.Pipeline.State;
using DriveSync.Pipeline.Ledger;
using DriveSync.Pipeline.Runs;
using DriveSync.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace DriveSync.Pipeline.Tests;

public sealed class JsonLinesStreamTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task ReadAsync_ManyGroupsReadInSmallChunks_GivesTheSameBytesAsSerializingEachRecordWithANewline()
    {
        var groups = Enumerable.Range(0, 50).Select(Group).ToList();
        using var expected = new MemoryStream();
        foreach (var result in groups.SelectMany(g => g))
        {
            JsonSerializer.Serialize(expected, result, StateJson.Options);
            expected.WriteByte((byte)'\n');
        }

        await using var stream = new JsonLinesStream<FileResult>(groups.ToAsyncEnumerable(), StateJson.Options);
        var actual = await ReadAllAsync(stream, chunk: 777, TestContext.Current.CancellationToken).WaitAsync(Timeout, TestContext.Current.CancellationToken);

        Assert.Equal(expected.ToArray(), actual);
        Assert.Equal(5000, actual.Count(b => b == (byte)'\n'));
    }

    [Fact]
    public async Task ReadAsync_PastAGroup_NoLongerHoldsThatGroupOrAnyEarlierOne()
    {
        var produced = new List<WeakReference>();
        await using var stream = new JsonLinesStream<FileResult>(TrackedGroupsAsync(200, produced, TestContext.Current.CancellationToken), StateJson.Options);
        var buffer = new byte[4096];
        var read = 0L;
        var earlierAlive = -1;
        int count;
        while ((count = await stream.ReadAsync(buffer, TestContext.Current.CancellationToken).AsTask().WaitAsync(Timeout, TestContext.Current.CancellationToken)) > 0)
        {
            read += count;
            if (produced.Count == 100 && earlierAlive < 0)
            {
                ForceFullCollection();
                earlierAlive = produced.Take(99).Count(w => w.IsAlive);
            }
        }

        Assert.Equal(0, earlierAlive);
        Assert.Equal(200, produced.Count);
        Assert.True(read > 200 * 100 * 50, $"Only {read} bytes were read.");
    }

    [Fact]
    public async Task ReadAsync_EmptySource_EndsAtOnceWithNoBytes()
    {
        await using var stream = new JsonLinesStream<FileResult>(Array.Empty<IReadOnlyList<FileResult>>().ToAsyncEnumerable(), StateJson.Options);

        Assert.Empty(await ReadAllAsync(stream, chunk: 64, TestContext.Current.CancellationToken).WaitAsync(Timeout, TestContext.Current.CancellationToken));
    }

    private static async Task<byte[]> ReadAllAsync(Stream stream, int chunk, CancellationToken cancellationToken)
    {
        using var all = new MemoryStream();
        var buffer = new byte[chunk];
        int count;
        while ((count = await stream.ReadAsync(buffer, cancellationToken)) > 0)
            all.Write(buffer, 0, count);
        return all.ToArray();
    }

    private static async IAsyncEnumerable<IReadOnlyList<FileResult>> TrackedGroupsAsync(int groups, List<WeakReference> produced,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        for (var number = 0; number < groups; number++)
        {
            await Task.Yield();
            cancellationToken.ThrowIfCancellationRequested();
            var group = Group(number);
            produced.Add(new WeakReference(group));
            yield return group;
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ForceFullCollection()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true);
    }

    private static List<FileResult> Group(int number) =>
        Enumerable.Range(0, 100).Select(i => new FileResult($"file-{number:D4}-{i:D3}", $"notice {number}-{i}.txt", $"v{i}",
            i % 7 == 0 ? FileOutcome.Failed : FileOutcome.Uploaded, $"file-{number:D4}-{i:D3}/v{i}/notice.txt", 1000 + i, 900 + i,
            new Dictionary<string, long> { ["SSN"] = i % 3 }, i % 7 == 0 ? "The download failed (HttpRequestException)." : null)).ToList();
}

[Collection("Azurite")]
public sealed class RunManifestTests(AzuriteFixture azurite)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task RunAsync_ManyBatchesAndMultiBlockManifest_ManifestListsEveryFileOnceInBatchOrder()
    {
        await using var harness = await PipelineHarness.StartAsync(azurite, CancellationToken.None);
        harness.Settings["DriveSync:Pipeline:BatchSize"] = "7";
        harness.Settings["DriveSync:Storage:BlockSizeBytes"] = "4096";
        harness.Settings["DriveSync:Storage:SingleUploadThresholdBytes"] = "4096";
        var ids = harness.AddTextFiles(400);

        var status = await harness.RunAsync(timeout: Timeout);

        Assert.Equal(RuntimeStatus.Completed, status.RuntimeStatus);
        var state = await harness.ReadContainerAsync(harness.StateContainer);
        var batchResults = state.Keys.Where(k => k.StartsWith($"runs/{status.Id}/results/", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal).ToList();
        Assert.True(batchResults.Count >= (ids.Count + 6) / 7, $"Only {batchResults.Count} batches.");
        var inBatchOrder = batchResults.SelectMany(k => StateJson.Deserialize<BatchResult>(BinaryData.FromBytes(state[k].Content)).Files).ToList();
        var manifestBytes = state[StatePaths.Manifest(status.Id)].Content;
        Assert.True(manifestBytes.Length > 4096 * 4, $"The manifest ({manifestBytes.Length} bytes) should span several blocks.");

        var manifest = await harness.ReadManifestAsync(status.Id);

        Assert.Equal(inBatchOrder.Select(r => r.Id), manifest.Select(m => m.Id));
        Assert.Equal(ids.Order(StringComparer.Ordinal), manifest.Select(m => m.Id).Order(StringComparer.Ordinal));
        Assert.All(manifest, m => Assert.Equal(FileOutcome.Uploaded, m.Outcome));
        Assert.Equal(status.Counters.BytesWritten, manifest.Sum(m => m.BytesWritten));
        var ledger = await harness.NewProcess().GetRequiredService<LedgerStore>().LoadCurrentAsync(status.SourceId, TestContext.Current.CancellationToken)
            .WaitAsync(Timeout, TestContext.Current.CancellationToken);
        Assert.Equal(ids.Count, ledger.Count);
        Assert.All(manifest, m => Assert.True(ledger.Contains(m.Id, m.Version)));
    }
}
