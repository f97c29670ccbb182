using Azure.Core;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using DriveSync.Pipeline.Storage;

namespace DriveSync.Pipeline.Tests.Storage;

/// <summary>The factory's endpoints, versions, retries and transfer settings (no network: clients only).</summary>
public sealed class StorageAccountClientsTests
{
    [Fact]
    public void Constructor_UseDevelopmentStorage_PointsAtAzuritesDefaultPorts()
    {
        var clients = new StorageAccountClients(new StorageOptions { ConnectionString = "UseDevelopmentStorage=true" });

        Assert.Equal("http://127.0.0.1:10000/devstoreaccount1", clients.Blobs.Uri.AbsoluteUri);
        Assert.Equal("http://127.0.0.1:10001/devstoreaccount1", clients.Queues.Uri.AbsoluteUri);
        Assert.Equal("http://127.0.0.1:10002/devstoreaccount1", clients.Tables.Uri.AbsoluteUri.TrimEnd('/'));
        Assert.Equal("devstoreaccount1", clients.AccountName);
    }

    [Fact]
    public void Constructor_FullAzuriteStringOnOtherPorts_UsesEachEndpoint()
    {
        var clients = new StorageAccountClients(new StorageOptions { ConnectionString = DevelopmentStorage.ConnectionString(41000, 41001, 41002) });

        Assert.Equal("http://127.0.0.1:41000/devstoreaccount1", clients.Blobs.Uri.AbsoluteUri);
        Assert.Equal("http://127.0.0.1:41001/devstoreaccount1", clients.Queues.Uri.AbsoluteUri);
        Assert.Equal(41002, clients.Tables.Uri.Port);
    }

    [Fact]
    public void Constructor_ServiceUrisWithCredential_UsesThemAndNamesThemInErrors()
    {
        var clients = new StorageAccountClients(new StorageOptions
        {
            BlobServiceUri = new Uri("https://mystore.blob.core.windows.net/"),
            QueueServiceUri = new Uri("https://mystore.queue.core.windows.net/"),
        }, new NoCredential());

        Assert.Equal("mystore", clients.AccountName);
        Assert.Equal("https://mystore.table.core.windows.net/", clients.Tables.Uri.AbsoluteUri);
        Assert.False(clients.UsesConnectionString);
        Assert.Equal("DriveSync:Storage:QueueServiceUri", clients.SettingFor("queue"));
        Assert.Equal("DriveSync:Storage:BlobServiceUri", clients.SettingFor("table"));
    }

    [Fact]
    public void CreateOptions_EachCall_IsFreshWithPinnedVersionsAndTheConfiguredRetries()
    {
        var clients = new StorageAccountClients(new StorageOptions
        {
            ConnectionString = "UseDevelopmentStorage=true",
            MaxRetries = 3,
            RetryDelay = TimeSpan.FromSeconds(2),
            MaxRetryDelay = TimeSpan.FromSeconds(20),
            NetworkTimeout = TimeSpan.FromSeconds(40),
        });

        var (blob, again) = (clients.CreateBlobOptions(), clients.CreateBlobOptions());

        Assert.NotSame(blob, again);
        Assert.Equal(BlobClientOptions.ServiceVersion.V2026_06_06, blob.Version);
        Assert.Equal(QueueClientOptions.ServiceVersion.V2026_06_06, clients.CreateQueueOptions().Version);
        foreach (ClientOptions options in new ClientOptions[] { blob, clients.CreateQueueOptions(), clients.CreateTableOptions() })
        {
            Assert.Equal((RetryMode.Exponential, 3, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(20), TimeSpan.FromSeconds(40)),
                (options.Retry.Mode, options.Retry.MaxRetries, options.Retry.Delay, options.Retry.MaxDelay, options.Retry.NetworkTimeout));
        }
    }

    [Fact]
    public void TransferOptions_FromSettings_CarryBlockSizeThresholdAndConcurrency()
    {
        var clients = new StorageAccountClients(new StorageOptions
        {
            ConnectionString = "UseDevelopmentStorage=true",
            BlockSizeBytes = 8 * 1024 * 1024,
            SingleUploadThresholdBytes = 2 * 1024 * 1024,
            UploadConcurrency = 4,
        });

        Assert.Equal((8L * 1024 * 1024, 2L * 1024 * 1024, 4), (clients.TransferOptions.MaximumTransferSize, clients.TransferOptions.InitialTransferSize, clients.TransferOptions.MaximumConcurrency));
    }

    [Fact]
    public void CreateDurableTaskProvider_SameAccount_FreshOptionsAndSameEndpointsAsOurClients()
    {
        var clients = new StorageAccountClients(new StorageOptions { ConnectionString = DevelopmentStorage.ConnectionString(41000, 41001, 41002) });

        var provider = clients.CreateDurableTaskProvider();

        var blobOptions = provider.Blob.CreateOptions();
        Assert.NotSame(blobOptions, provider.Blob.CreateOptions());
        Assert.Equal(BlobClientOptions.ServiceVersion.V2026_06_06, blobOptions.Version);
        Assert.Equal(clients.Blobs.Uri, provider.Blob.CreateClient(blobOptions).Uri);
        Assert.Equal(clients.Queues.Uri, provider.Queue.CreateClient(provider.Queue.CreateOptions()).Uri);
        Assert.Equal(clients.Tables.Uri, provider.Table.CreateClient(provider.Table.CreateOptions()).Uri);
    }

    private sealed class NoCredential : TokenCredential
    {
        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken) => throw new NotSupportedException();

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) => throw new NotSupportedException();
    }
}
