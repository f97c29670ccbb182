using Azure;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using DriveSync.Pipeline.Adapters;
using DriveSync.Pipeline.Ports;
using DriveSync.Pipeline.Storage;
using DriveSync.Testing;

namespace DriveSync.Pipeline.Tests.Storage;

/// <summary>
/// Against an Azurite started as a user starts it (without <c>--skipApiVersionCheck</c>): the factory's pinned versions
/// work for blobs, queues, tables and the Durable Task engine's clients, where the SDK's default version is refused.
/// </summary>
public sealed class ApiVersionCheckTests : IAsyncLifetime
{
    private AzuriteFixture? _azurite;

    private AzuriteFixture Azurite => _azurite ?? throw new InvalidOperationException("Not started.");

    public async ValueTask InitializeAsync() => _azurite = await AzuriteFixture.StartAsync(persistToDisk: false, checkApiVersion: true);

    public async ValueTask DisposeAsync()
    {
        if (_azurite is not null)
        {
            await _azurite.DisposeAsync();
        }
    }

    [Fact]
    public async Task Clients_AzuriteCheckingApiVersions_WriteAndReadBlobsQueuesAndTables()
    {
        using var cts = TestTimeout.Start(TimeSpan.FromSeconds(60));
        var clients = Azurite.CreateClients();
        var store = new AzureBlobStore(clients);
        var queue = clients.Queues.GetQueueClient("versioned");

        await store.EnsureContainerAsync("versioned", cts.Token);
        var etag = await store.WriteAsync("versioned", "a.txt", new MemoryStream([1, 2, 3]), new BlobWriteOptions(WriteCondition.IfAbsent), cts.Token);
        await queue.CreateIfNotExistsAsync(cancellationToken: cts.Token);
        await queue.SendMessageAsync("hello", cts.Token);
        var table = clients.Tables.GetTableClient("versioned");
        await table.CreateIfNotExistsAsync(cts.Token);
        await table.UpsertEntityAsync(new TableEntity("p", "r") { ["n"] = 7 }, cancellationToken: cts.Token);

        Assert.Equal(etag, (await store.ReadAsync("versioned", "a.txt", cts.Token))!.ETag);
        Assert.Equal("hello", Assert.Single((await queue.ReceiveMessagesAsync(1, TimeSpan.FromSeconds(30), cts.Token)).Value).MessageText);
        Assert.Equal(7, (await table.GetEntityAsync<TableEntity>("p", "r", cancellationToken: cts.Token)).Value.GetInt32("n"));
        Assert.Empty(await new StorageReadiness(clients, new StorageOptions()).CheckAsync("versioned", cts.Token));
    }

    [Fact]
    public async Task DurableTaskProvider_AzuriteCheckingApiVersions_ItsClientsAreAccepted()
    {
        using var cts = TestTimeout.Start(TimeSpan.FromSeconds(60));
        var provider = Azurite.CreateClients().CreateDurableTaskProvider();

        await provider.Blob.CreateClient(provider.Blob.CreateOptions()).GetBlobContainerClient("hub-leases").CreateIfNotExistsAsync(cancellationToken: cts.Token);
        await provider.Queue.CreateClient(provider.Queue.CreateOptions()).GetQueueClient("hub-control-00").CreateIfNotExistsAsync(cancellationToken: cts.Token);
        await provider.Table.CreateClient(provider.Table.CreateOptions()).CreateTableIfNotExistsAsync("hubInstances", cts.Token);
    }

    [Fact]
    public async Task SdkDefaultVersion_AzuriteCheckingApiVersions_IsRefused()
    {
        using var cts = TestTimeout.Start();
        var unpinned = new BlobServiceClient(Azurite.ConnectionString, new BlobClientOptions { Retry = { MaxRetries = 0 } });

        var error = await Assert.ThrowsAsync<RequestFailedException>(() => unpinned.GetBlobContainerClient("unpinned").CreateIfNotExistsAsync(cancellationToken: cts.Token));

        Assert.Equal(400, error.Status);
        Assert.Contains("API version", error.Message, StringComparison.Ordinal);
    }
}
