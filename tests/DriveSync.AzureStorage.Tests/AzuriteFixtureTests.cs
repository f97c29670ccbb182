using Azure;
using DriveSync.Testing;

namespace DriveSync.AzureStorage.Tests;

public sealed class AzuriteFixtureTests
{
    [Fact]
    public async Task RestartAsync_DiskPersistence_KeepsBlobsAndMessagesOnTheSamePorts()
    {
        using var cts = TestTimeout.Start(TimeSpan.FromSeconds(90));
        await using var azurite = await AzuriteFixture.StartAsync(persistToDisk: true).WaitAsync(cts.Token);
        var connectionString = azurite.ConnectionString;
        var client = azurite.CreateClient();
        var container = await TestData.NewContainerAsync(client, cts.Token);
        var queue = client.GetQueueClient(TestNames.Unique("q"));
        await queue.CreateIfNotExistsAsync(cts.Token);
        await container.UploadAsync("kept.txt", TestData.Text("survives restarts"), cancellationToken: cts.Token);
        await queue.SendMessageAsync("still here", cancellationToken: cts.Token);

        await azurite.RestartAsync().WaitAsync(cts.Token);

        Assert.Equal(connectionString, azurite.ConnectionString);
        Assert.Equal("survives restarts", await TestData.DownloadTextAsync(container, "kept.txt", cts.Token));
        Assert.Equal("still here", Assert.Single(await queue.PeekMessagesAsync(1, cts.Token)).MessageText);
    }

    [Fact]
    public async Task StopAsync_RunningAzurite_EndpointsStopAnswering()
    {
        using var cts = TestTimeout.Start(TimeSpan.FromSeconds(60));
        await using var azurite = await AzuriteFixture.StartAsync(persistToDisk: false).WaitAsync(cts.Token);
        var client = azurite.CreateClient(new StorageClientOptions { MaxRetries = 0 });
        var container = client.GetBlobContainerClient(TestNames.Unique("c"));
        Assert.True(await container.CreateIfNotExistsAsync(cts.Token));

        await azurite.StopAsync().WaitAsync(cts.Token);

        var error = await Assert.ThrowsAsync<RequestFailedException>(() => container.CreateIfNotExistsAsync(cts.Token));
        Assert.Equal(0, error.Status);
        Assert.Equal(StorageFailureAction.Retry, StorageFailureClassifier.Classify(error));
    }
}
