using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Storage.Blobs.Specialized;
using DriveSync.Pipeline.Adapters;
using DriveSync.Pipeline.Ports;
using DriveSync.Pipeline.Storage;
using DriveSync.Testing;

namespace DriveSync.Pipeline.Tests.Storage;

/// <summary>The behaviours the old REST client's tests pinned, now through <see cref="AzureBlobStore"/> on the SDK, against Azurite.</summary>
[Collection("Azurite")]
public sealed class AzureBlobStoreTests(AzuriteFixture azurite)
{
    private readonly string _container = "t" + Guid.NewGuid().ToString("N")[..12];

    [Fact]
    public async Task WriteAsync_IfAbsentOnNewThenExistingBlob_FirstWritesSecondIsRefusedAndKeepsTheOriginal()
    {
        using var cts = TestTimeout.Start();
        var store = await StoreAsync(cts.Token);

        var first = await store.WriteAsync(_container, "a/doc.txt", Text("first"), new BlobWriteOptions(WriteCondition.IfAbsent), cts.Token);
        var second = await store.WriteAsync(_container, "a/doc.txt", Text("second"), new BlobWriteOptions(WriteCondition.IfAbsent), cts.Token);

        Assert.NotNull(first);
        Assert.Null(second);
        var stored = await store.ReadAsync(_container, "a/doc.txt", cts.Token);
        Assert.Equal("first", stored!.Content.ToString());
        Assert.Equal(first, stored.ETag);
    }

    [Fact]
    public async Task WriteAsync_TypeAndMetadata_RoundTripWithNameOfSpacesAndUnicode()
    {
        using var cts = TestTimeout.Start();
        var store = await StoreAsync(cts.Token);
        var metadata = new Dictionary<string, string> { ["source_id"] = "f1", ["pii_SSN"] = "3", ["sanitizer"] = "1.2.0" };

        await store.WriteAsync(_container, "f1/v1/Notice été 2024.txt", Text("x"), new BlobWriteOptions(Metadata: metadata, ContentType: "text/plain"), cts.Token);

        var read = await store.GetMetadataAsync(_container, "f1/v1/Notice été 2024.txt", cts.Token);
        Assert.Equal(metadata.OrderBy(p => p.Key, StringComparer.Ordinal), read!.OrderBy(p => p.Key, StringComparer.Ordinal));
        var properties = await azurite.CreateClients().Blobs.GetBlobContainerClient(_container).GetBlobClient("f1/v1/Notice été 2024.txt")
            .GetPropertiesAsync(cancellationToken: cts.Token);
        Assert.Equal("text/plain", properties.Value.ContentType);
        Assert.Equal("3", read!["PII_ssn"]);
    }

    [Fact]
    public async Task WriteAsync_MetadataValueNotAscii_ThrowsArgumentExceptionNamingTheKeyOnlyAndWritesNothing()
    {
        using var cts = TestTimeout.Start();
        var store = await StoreAsync(cts.Token);
        var metadata = new Dictionary<string, string> { ["name"] = "Jörg 123-45-6789" };

        var error = await Assert.ThrowsAsync<ArgumentException>(() =>
            store.WriteAsync(_container, "m.txt", Text("x"), new BlobWriteOptions(Metadata: metadata), cts.Token));

        Assert.Contains("'name'", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("6789", error.Message, StringComparison.Ordinal);
        Assert.Equal(FailureKind.SkipFile, store.Classify(error));
        Assert.Null(await store.ReadAsync(_container, "m.txt", cts.Token));
    }

    [Fact]
    public async Task WriteAsync_EmptyStream_CreatesZeroLengthBlob()
    {
        using var cts = TestTimeout.Start();
        var store = await StoreAsync(cts.Token);

        await store.WriteAsync(_container, "empty", new MemoryStream(), BlobWriteOptions.Overwrite, cts.Token);

        Assert.Equal(0, (await store.ReadAsync(_container, "empty", cts.Token))!.Content.ToMemory().Length);
    }

    [Fact]
    public async Task WriteAsync_LargeNonSeekableStreamOfUnknownLength_StagesBlocksAndStoresIdenticalBytes()
    {
        using var cts = TestTimeout.Start(TimeSpan.FromSeconds(90));
        var store = await StoreAsync(cts.Token, new StorageOptions { BlockSizeBytes = 1024 * 1024, SingleUploadThresholdBytes = 1024 * 1024, UploadConcurrency = 2 });
        var content = RandomNumberGenerator.GetBytes((24 * 1024 * 1024) + 12345);

        var etag = await store.WriteAsync(_container, "big.bin", new NonSeekableStream(new MemoryStream(content)), new BlobWriteOptions(WriteCondition.IfAbsent), cts.Token);

        Assert.NotNull(etag);
        var blob = azurite.CreateClients().Blobs.GetBlobContainerClient(_container).GetBlockBlobClient("big.bin");
        var blocks = await blob.GetBlockListAsync(cancellationToken: cts.Token);
        Assert.Equal(25, blocks.Value.CommittedBlocks.Count());
        var stored = await store.ReadAsync(_container, "big.bin", cts.Token);
        Assert.Equal(SHA256.HashData(content), SHA256.HashData(stored!.Content.ToMemory().Span));
    }

    [Fact]
    public async Task WriteAsync_TwoBlockUploadsRaceWithIfAbsent_ExactlyOneWinsAndItsBytesAreStored()
    {
        using var cts = TestTimeout.Start(TimeSpan.FromSeconds(90));
        var store = await StoreAsync(cts.Token, new StorageOptions { BlockSizeBytes = 1024 * 1024, SingleUploadThresholdBytes = 1024 * 1024 });
        var contents = new[] { RandomNumberGenerator.GetBytes(3 * 1024 * 1024), RandomNumberGenerator.GetBytes(3 * 1024 * 1024) };

        var results = await Task.WhenAll(contents.Select(c =>
            store.WriteAsync(_container, "race.bin", new NonSeekableStream(new MemoryStream(c)), new BlobWriteOptions(WriteCondition.IfAbsent), cts.Token)));

        Assert.Single(results, r => r is not null);
        var winner = contents[Array.FindIndex(results, r => r is not null)];
        Assert.Equal(winner, (await store.ReadAsync(_container, "race.bin", cts.Token))!.Content.ToArray());
    }

    [Fact]
    public async Task WriteAsync_FourWritersRaceWithTheSameETag_ExactlyOneWinsAndTheETagMoves()
    {
        using var cts = TestTimeout.Start();
        var store = await StoreAsync(cts.Token);
        var etag = await store.WriteAsync(_container, "state.json", Text("{\"v\":0}"), BlobWriteOptions.Json(), cts.Token);

        var results = await Task.WhenAll(Enumerable.Range(1, 4).Select(i =>
            store.WriteAsync(_container, "state.json", Text($"{{\"v\":{i}}}"), BlobWriteOptions.Json(WriteCondition.IfMatch, etag), cts.Token)));

        var won = Assert.Single(results, r => r is not null);
        Assert.NotEqual(etag, won);
        var stored = await store.ReadAsync(_container, "state.json", cts.Token);
        Assert.Equal(won, stored!.ETag);
        Assert.Null(await store.WriteAsync(_container, "state.json", Text("{}"), BlobWriteOptions.Json(WriteCondition.IfMatch, etag), cts.Token));
    }

    [Fact]
    public async Task ReadAndMetadata_MissingBlobOrContainer_ReturnNull()
    {
        using var cts = TestTimeout.Start();
        var store = await StoreAsync(cts.Token);

        Assert.Null(await store.ReadAsync(_container, "nope", cts.Token));
        Assert.Null(await store.GetMetadataAsync(_container, "nope", cts.Token));
        Assert.Null(await store.ReadAsync("missing-" + _container, "nope", cts.Token));
        Assert.Empty((await store.ListAsync("missing-" + _container, "", null, 10, cts.Token)).Names);
    }

    [Fact]
    public async Task ListAsync_SmallPagesWithMarker_ReturnsEveryBlobUnderThePrefixOnceInOrder()
    {
        using var cts = TestTimeout.Start();
        var store = await StoreAsync(cts.Token);
        var names = Enumerable.Range(0, 7).Select(i => $"runs/r1/b{i:D2}.json").ToList();
        foreach (var name in names.Append("other/x.json"))
        {
            await store.WriteAsync(_container, name, Text("{}"), BlobWriteOptions.Json(), cts.Token);
        }

        var listed = new List<string>();
        string? marker = null;
        var pages = 0;
        do
        {
            var page = await store.ListAsync(_container, "runs/r1/", marker, 3, cts.Token);
            listed.AddRange(page.Names);
            marker = page.NextMarker;
            pages++;
        }
        while (marker is not null);

        Assert.Equal(names, listed);
        Assert.Equal(3, pages);
    }

    [Fact]
    public async Task DeleteAsync_ExistingThenMissing_RemovesItAndThenDoesNothing()
    {
        using var cts = TestTimeout.Start();
        var store = await StoreAsync(cts.Token);
        await store.WriteAsync(_container, "gone.txt", Text("x"), BlobWriteOptions.Overwrite, cts.Token);

        await store.DeleteAsync(_container, "gone.txt", cts.Token);
        await store.DeleteAsync(_container, "gone.txt", cts.Token);

        Assert.Null(await store.ReadAsync(_container, "gone.txt", cts.Token));
    }

    [Fact]
    public async Task Leases_AcquireRenewRefuseBreakRelease_BehaveAsTheCoordinatorExpects()
    {
        using var cts = TestTimeout.Start();
        var store = await StoreAsync(cts.Token);
        var (mine, theirs) = (Guid.NewGuid().ToString(), Guid.NewGuid().ToString());

        Assert.True(await store.AcquireLeaseAsync(_container, "lease", mine, TimeSpan.FromSeconds(15), cts.Token));
        Assert.True(await store.AcquireLeaseAsync(_container, "lease", mine, TimeSpan.FromSeconds(15), cts.Token));
        Assert.False(await store.AcquireLeaseAsync(_container, "lease", theirs, TimeSpan.FromSeconds(15), cts.Token));
        await store.BreakLeaseAsync(_container, "lease", cts.Token);
        Assert.True(await store.AcquireLeaseAsync(_container, "lease", theirs, TimeSpan.FromSeconds(15), cts.Token));
        await store.ReleaseLeaseAsync(_container, "lease", mine, cts.Token);
        await store.ReleaseLeaseAsync(_container, "lease", theirs, cts.Token);
        Assert.True(await store.AcquireLeaseAsync(_container, "lease", mine, TimeSpan.FromSeconds(15), cts.Token));
        await store.BreakLeaseAsync(_container, "no-such-blob", cts.Token);
    }

    [Fact]
    public async Task EnsureContainerAsync_WrongAccountKey_Throws403ThatStopsTheRunAndHidesTheKey()
    {
        using var cts = TestTimeout.Start();
        var wrongKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(64));
        var options = new StorageOptions { ConnectionString = azurite.ConnectionString.Replace(DevelopmentStorage.AccountKey, wrongKey, StringComparison.Ordinal), MaxRetries = 1 };
        var store = new AzureBlobStore(new StorageAccountClients(options));

        var error = await Assert.ThrowsAsync<RequestFailedException>(() => store.EnsureContainerAsync(_container, cts.Token));

        Assert.Equal(403, error.Status);
        Assert.Equal(FailureKind.StopRun, store.Classify(error));
        Assert.DoesNotContain(wrongKey, error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task EnsureContainerAsync_NothingListening_FailsFastClassifiedRetry()
    {
        using var cts = TestTimeout.Start();
        var options = new StorageOptions { ConnectionString = DevelopmentStorage.ConnectionString(FreePort.Next(), FreePort.Next(), FreePort.Next()), MaxRetries = 1, RetryDelay = TimeSpan.FromMilliseconds(50) };
        var store = new AzureBlobStore(new StorageAccountClients(options));

        var error = await Assert.ThrowsAnyAsync<Exception>(() => store.EnsureContainerAsync(_container, cts.Token));

        Assert.Equal(FailureKind.Retry, store.Classify(error));
    }

    private async Task<AzureBlobStore> StoreAsync(CancellationToken cancellationToken, StorageOptions? options = null)
    {
        var store = new AzureBlobStore(azurite.CreateClients(options));
        await store.EnsureContainerAsync(_container, cancellationToken);
        return store;
    }

    private static MemoryStream Text(string text) => new(Encoding.UTF8.GetBytes(text));
}
