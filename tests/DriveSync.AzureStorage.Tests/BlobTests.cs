using DriveSync.Testing;

namespace DriveSync.AzureStorage.Tests;

[Collection(AzuriteCollection.Name)]
public sealed class BlobTests(AzuriteFixture azurite)
{
    private readonly StorageAccountClient _client = azurite.CreateClient();

    [Fact]
    public async Task UploadAsync_SmallContentWithTypeAndMetadata_RoundTripsBytesTypeAndMetadata()
    {
        using var cts = TestTimeout.Start();
        var container = await TestData.NewContainerAsync(_client, cts.Token);
        var metadata = new Dictionary<string, string> { ["sourceId"] = "abc123", ["version"] = "7" };

        var info = await container.UploadAsync(
            "docs/a.txt", TestData.Text("hello blob"), new BlobUploadOptions { ContentType = "text/plain", Metadata = metadata }, cts.Token);
        await using var download = await container.DownloadAsync("docs/a.txt", cancellationToken: cts.Token);
        using var reader = new StreamReader(download.Content);
        var text = await reader.ReadToEndAsync(cts.Token);

        Assert.Equal("hello blob", text);
        Assert.Equal(10, info.ContentLength);
        Assert.Equal(info.ETag, download.Properties.ETag);
        Assert.Equal("text/plain", download.Properties.ContentType);
        Assert.Equal(10, download.Properties.ContentLength);
        Assert.Equal("abc123", download.Properties.Metadata["sourceId"]);
        Assert.Equal("7", download.Properties.Metadata["version"]);
    }

    [Fact]
    public async Task UploadAsync_ContentLargerThanThreshold_StagesBlocksAndCommitsAllBytes()
    {
        using var cts = TestTimeout.Start();
        var client = azurite.CreateClient(new StorageClientOptions { BlockSizeBytes = 1024, SingleUploadThresholdBytes = 2048 });
        var container = await TestData.NewContainerAsync(client, cts.Token);
        var bytes = TestData.Random(10_000, seed: 1);

        var info = await container.UploadAsync("blocks.bin", new NonSeekableStream(new MemoryStream(bytes)), cancellationToken: cts.Token);
        var back = await TestData.DownloadBytesAsync(container, "blocks.bin", cts.Token);

        Assert.Equal(10_000, info.ContentLength);
        Assert.Equal(TestData.Sha256(bytes), TestData.Sha256(back));
    }

    [Fact]
    public async Task UploadAsync_EmptyStream_CreatesZeroLengthBlob()
    {
        using var cts = TestTimeout.Start();
        var container = await TestData.NewContainerAsync(_client, cts.Token);

        var info = await container.UploadAsync("empty", Stream.Null, cancellationToken: cts.Token);
        var properties = await container.GetPropertiesAsync("empty", cancellationToken: cts.Token);

        Assert.Equal(0, info.ContentLength);
        Assert.NotNull(properties);
        Assert.Equal(0, properties.ContentLength);
    }

    [Fact]
    public async Task UploadAsync_NameWithSpacesAndUnicode_SignsAndRoundTrips()
    {
        using var cts = TestTimeout.Start();
        var container = await TestData.NewContainerAsync(_client, cts.Token);
        const string name = "out/Q3 report (final) é+ü #1.txt";

        await container.UploadAsync(name, TestData.Text("x"), cancellationToken: cts.Token);
        var names = new List<string>();
        await foreach (var item in container.ListBlobsAsync("out/", cts.Token))
        {
            names.Add(item.Name);
        }

        Assert.Equal([name], names);
        Assert.Equal("x", await TestData.DownloadTextAsync(container, name, cts.Token));
    }

    [Fact]
    public async Task UploadAsync_IfNotExistsOnExistingBlob_ThrowsPreconditionFailedAndKeepsOriginal()
    {
        using var cts = TestTimeout.Start();
        var container = await TestData.NewContainerAsync(_client, cts.Token);
        await container.UploadAsync("once", TestData.Text("first"), cancellationToken: cts.Token);

        var error = await Assert.ThrowsAsync<StoragePreconditionFailedException>(() => container.UploadAsync(
            "once", TestData.Text("second"), new BlobUploadOptions { Conditions = BlobRequestConditions.IfNotExists() }, cts.Token));

        Assert.Contains(error.Status, new[] { 409, 412 });
        Assert.NotNull(error.RequestId);
        Assert.Equal("first", await TestData.DownloadTextAsync(container, "once", cts.Token));
    }

    [Fact]
    public async Task UploadAsync_IfNotExistsOnNewBlob_Succeeds()
    {
        using var cts = TestTimeout.Start();
        var container = await TestData.NewContainerAsync(_client, cts.Token);

        await container.UploadAsync("new", TestData.Text("v1"), new BlobUploadOptions { Conditions = BlobRequestConditions.IfNotExists() }, cts.Token);

        Assert.Equal("v1", await TestData.DownloadTextAsync(container, "new", cts.Token));
    }

    [Fact]
    public async Task UploadAsync_IfMatchCurrentThenStaleETag_FirstWinsSecondFails()
    {
        using var cts = TestTimeout.Start();
        var container = await TestData.NewContainerAsync(_client, cts.Token);
        var v1 = await container.UploadAsync("doc", TestData.Text("v1"), cancellationToken: cts.Token);

        var v2 = await container.UploadAsync(
            "doc", TestData.Text("v2"), new BlobUploadOptions { Conditions = BlobRequestConditions.MatchingETag(v1.ETag) }, cts.Token);
        await Assert.ThrowsAsync<StoragePreconditionFailedException>(() => container.UploadAsync(
            "doc", TestData.Text("v3"), new BlobUploadOptions { Conditions = BlobRequestConditions.MatchingETag(v1.ETag) }, cts.Token));

        Assert.NotEqual(v1.ETag, v2.ETag);
        Assert.Equal("v2", await TestData.DownloadTextAsync(container, "doc", cts.Token));
    }

    [Fact]
    public async Task UploadAsync_TwoWritersRaceWithSameETag_ExactlyOneWins()
    {
        using var cts = TestTimeout.Start();
        var container = await TestData.NewContainerAsync(_client, cts.Token);
        var start = await container.UploadAsync("counter", TestData.Text("0"), cancellationToken: cts.Token);
        var conditions = BlobRequestConditions.MatchingETag(start.ETag);

        var writers = Enumerable.Range(1, 8).Select(async i =>
        {
            try
            {
                await container.UploadAsync("counter", TestData.Text($"writer-{i}"), new BlobUploadOptions { Conditions = conditions }, cts.Token);
                return $"writer-{i}";
            }
            catch (StoragePreconditionFailedException)
            {
                return null;
            }
        }).ToList();
        var results = await Task.WhenAll(writers);

        var winner = Assert.Single(results, r => r is not null);
        Assert.Equal(winner, await TestData.DownloadTextAsync(container, "counter", cts.Token));
    }

    [Fact]
    public async Task UploadAsync_TwoBlockWritersRaceWithIfNotExists_ExactlyOneWins()
    {
        using var cts = TestTimeout.Start();
        var client = azurite.CreateClient(new StorageClientOptions { BlockSizeBytes = 1024, SingleUploadThresholdBytes = 1024 });
        var container = await TestData.NewContainerAsync(client, cts.Token);
        var payloads = new[] { TestData.Random(5000, 1), TestData.Random(5000, 2) };

        var results = await Task.WhenAll(payloads.Select(async payload =>
        {
            try
            {
                await container.UploadAsync("race", new MemoryStream(payload), new BlobUploadOptions { Conditions = BlobRequestConditions.IfNotExists() }, cts.Token);
                return payload;
            }
            catch (StoragePreconditionFailedException)
            {
                return null;
            }
        }));

        var winner = Assert.Single(results, r => r is not null);
        Assert.Equal(TestData.Sha256(winner!), TestData.Sha256(await TestData.DownloadBytesAsync(container, "race", cts.Token)));
    }

    [Fact]
    public async Task DownloadAsync_MissingBlob_ThrowsNotFoundWithCode()
    {
        using var cts = TestTimeout.Start();
        var container = await TestData.NewContainerAsync(_client, cts.Token);

        var error = await Assert.ThrowsAsync<StorageNotFoundException>(() => container.DownloadAsync("nope", cancellationToken: cts.Token));

        Assert.Equal(404, error.Status);
        Assert.Equal("BlobNotFound", error.ErrorCode);
        Assert.Equal(StorageFailureAction.SkipFile, StorageFailureClassifier.Classify(error));
    }

    [Fact]
    public async Task DownloadAsync_StaleIfMatch_ThrowsPreconditionFailed()
    {
        using var cts = TestTimeout.Start();
        var container = await TestData.NewContainerAsync(_client, cts.Token);
        var v1 = await container.UploadAsync("doc", TestData.Text("v1"), cancellationToken: cts.Token);
        await container.UploadAsync("doc", TestData.Text("v2"), cancellationToken: cts.Token);

        var error = await Assert.ThrowsAsync<StoragePreconditionFailedException>(
            () => container.DownloadAsync("doc", BlobRequestConditions.MatchingETag(v1.ETag), cts.Token));

        Assert.Equal(412, error.Status);
    }

    [Fact]
    public async Task GetPropertiesAsync_MissingBlobAndMissingContainer_ReturnNull()
    {
        using var cts = TestTimeout.Start();
        var container = await TestData.NewContainerAsync(_client, cts.Token);
        var missingContainer = _client.GetBlobContainerClient(TestNames.Unique("missing"));

        Assert.Null(await container.GetPropertiesAsync("nope", cancellationToken: cts.Token));
        Assert.Null(await missingContainer.GetPropertiesAsync("nope", cancellationToken: cts.Token));
    }

    [Fact]
    public async Task SetMetadataAsync_ExistingBlob_ReplacesMetadataAndChangesETag()
    {
        using var cts = TestTimeout.Start();
        var container = await TestData.NewContainerAsync(_client, cts.Token);
        var info = await container.UploadAsync(
            "doc", TestData.Text("x"), new BlobUploadOptions { Metadata = new Dictionary<string, string> { ["old"] = "1" } }, cts.Token);

        var etag = await container.SetMetadataAsync("doc", new Dictionary<string, string> { ["state"] = "done", ["count"] = "42" }, cancellationToken: cts.Token);
        var properties = await container.GetPropertiesAsync("doc", cancellationToken: cts.Token);

        Assert.NotNull(properties);
        Assert.NotEqual(info.ETag, etag);
        Assert.Equal(etag, properties.ETag);
        Assert.Equal(2, properties.Metadata.Count);
        Assert.Equal("done", properties.Metadata["state"]);
        Assert.Equal("42", properties.Metadata["count"]);
    }

    [Theory]
    [InlineData("bad-key", "v")]
    [InlineData("1key", "v")]
    [InlineData("key", "caf\u00e9")]
    [InlineData("key", "line\nbreak")]
    [InlineData("key", " padded")]
    public async Task SetMetadataAsync_InvalidKeyOrValue_ThrowsArgumentExceptionWithoutSending(string key, string value)
    {
        using var cts = TestTimeout.Start();
        var container = _client.GetBlobContainerClient(TestNames.Unique("never-created"));

        var error = await Assert.ThrowsAsync<ArgumentException>(
            () => container.SetMetadataAsync("doc", new Dictionary<string, string> { [key] = value }, cancellationToken: cts.Token));

        Assert.DoesNotContain(value, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DeleteIfExistsAsync_ExistingThenMissing_ReturnsTrueThenFalse()
    {
        using var cts = TestTimeout.Start();
        var container = await TestData.NewContainerAsync(_client, cts.Token);
        await container.UploadAsync("doc", TestData.Text("x"), cancellationToken: cts.Token);

        Assert.True(await container.DeleteIfExistsAsync("doc", cancellationToken: cts.Token));
        Assert.False(await container.DeleteIfExistsAsync("doc", cancellationToken: cts.Token));
        Assert.Null(await container.GetPropertiesAsync("doc", cancellationToken: cts.Token));
    }

    [Fact]
    public async Task DeleteIfExistsAsync_MissingContainer_ThrowsNotFoundThatStopsTheRun()
    {
        using var cts = TestTimeout.Start();
        var container = _client.GetBlobContainerClient(TestNames.Unique("missing"));

        var error = await Assert.ThrowsAsync<StorageNotFoundException>(() => container.DeleteIfExistsAsync("doc", cancellationToken: cts.Token));

        Assert.Equal("ContainerNotFound", error.ErrorCode);
        Assert.Equal(StorageFailureAction.StopRun, StorageFailureClassifier.Classify(error));
    }

    [Fact]
    public async Task UploadAsync_MissingContainer_ThrowsNotFound()
    {
        using var cts = TestTimeout.Start();
        var container = _client.GetBlobContainerClient(TestNames.Unique("missing"));

        var error = await Assert.ThrowsAsync<StorageNotFoundException>(() => container.UploadAsync("doc", TestData.Text("x"), cancellationToken: cts.Token));

        Assert.Equal("ContainerNotFound", error.ErrorCode);
    }

    [Fact]
    public async Task DownloadAsync_IfNoneMatchCurrentETag_ThrowsPreconditionFailed()
    {
        using var cts = TestTimeout.Start();
        var container = await TestData.NewContainerAsync(_client, cts.Token);
        var info = await container.UploadAsync("doc", TestData.Text("x"), cancellationToken: cts.Token);

        var error = await Assert.ThrowsAsync<StoragePreconditionFailedException>(
            () => container.DownloadAsync("doc", new BlobRequestConditions { IfNoneMatch = info.ETag }, cts.Token));

        Assert.Equal(304, error.Status);
    }
}
