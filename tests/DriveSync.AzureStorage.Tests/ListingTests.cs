using DriveSync.Testing;

namespace DriveSync.AzureStorage.Tests;

[Collection(AzuriteCollection.Name)]
public sealed class ListingTests(AzuriteFixture azurite)
{
    private readonly StorageAccountClient _client = azurite.CreateClient();

    [Fact]
    public async Task ListBlobsAsync_MoreThanOnePageOfBlobs_ReturnsEveryBlobOnceInOrder()
    {
        using var cts = TestTimeout.Start(TimeSpan.FromSeconds(90));
        var container = await TestData.NewContainerAsync(_client, cts.Token);
        const int count = 5_150;
        var expected = Enumerable.Range(0, count).Select(i => $"many/{i:D5}.txt").ToList();
        await Parallel.ForEachAsync(
            expected,
            new ParallelOptions { MaxDegreeOfParallelism = 32, CancellationToken = cts.Token },
            async (name, ct) => await container.UploadAsync(name, Stream.Null, cancellationToken: ct));

        var firstPage = await container.ListBlobsPageAsync("many/", marker: null, cancellationToken: cts.Token);
        var listed = new List<string>();
        await foreach (var item in container.ListBlobsAsync("many/", cts.Token))
        {
            listed.Add(item.Name);
        }

        Assert.Equal(5_000, firstPage.Items.Count);
        Assert.NotNull(firstPage.NextMarker);
        Assert.Equal(expected, listed);
    }

    [Fact]
    public async Task ListBlobsPageAsync_SmallPagesWithMarker_ResumesWhereThePreviousPageEnded()
    {
        using var cts = TestTimeout.Start();
        var container = await TestData.NewContainerAsync(_client, cts.Token);
        for (var i = 0; i < 7; i++)
        {
            await container.UploadAsync($"p/{i}", TestData.Text(i.ToString(System.Globalization.CultureInfo.InvariantCulture)), cancellationToken: cts.Token);
        }

        var pages = new List<BlobPage>();
        string? marker = null;
        do
        {
            var page = await container.ListBlobsPageAsync("p/", marker, pageSize: 3, cts.Token);
            pages.Add(page);
            marker = page.NextMarker;
        }
        while (marker is not null);

        Assert.Equal([3, 3, 1], pages.Select(p => p.Items.Count));
        Assert.Equal(Enumerable.Range(0, 7).Select(i => $"p/{i}"), pages.SelectMany(p => p.Items).Select(b => b.Name));
        Assert.All(pages.SelectMany(p => p.Items), b => Assert.Equal(1, b.ContentLength));
    }

    [Fact]
    public async Task ListBlobsAsync_Prefix_ReturnsOnlyMatchingBlobsWithPropertiesAndMetadata()
    {
        using var cts = TestTimeout.Start();
        var container = await TestData.NewContainerAsync(_client, cts.Token);
        var info = await container.UploadAsync(
            "keep/a.json",
            TestData.Text("{}"),
            new BlobUploadOptions { ContentType = "application/json", Metadata = new Dictionary<string, string> { ["run"] = "r1" } },
            cts.Token);
        await container.UploadAsync("other/b.json", TestData.Text("{}"), cancellationToken: cts.Token);

        var items = new List<BlobItem>();
        await foreach (var item in container.ListBlobsAsync("keep/", cts.Token))
        {
            items.Add(item);
        }

        var only = Assert.Single(items);
        Assert.Equal("keep/a.json", only.Name);
        Assert.Equal(info.ETag, only.ETag);
        Assert.Equal(2, only.ContentLength);
        Assert.Equal("application/json", only.ContentType);
        Assert.Equal("r1", only.Metadata["run"]);
    }

    [Fact]
    public async Task ListBlobsAsync_EmptyContainer_ReturnsNothing()
    {
        using var cts = TestTimeout.Start();
        var container = await TestData.NewContainerAsync(_client, cts.Token);

        var count = 0;
        await foreach (var unused in container.ListBlobsAsync(cancellationToken: cts.Token))
        {
            count++;
        }

        Assert.Equal(0, count);
    }
}
