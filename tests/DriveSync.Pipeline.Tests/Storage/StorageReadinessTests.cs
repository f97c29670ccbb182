using System.Diagnostics;
using System.Security.Cryptography;
using Azure.Storage;
using Azure.Storage.Sas;
using DriveSync.Pipeline.Adapters;
using DriveSync.Pipeline.Ports;
using DriveSync.Pipeline.Storage;
using DriveSync.Testing;

namespace DriveSync.Pipeline.Tests.Storage;

[Collection("Azurite")]
public sealed class StorageReadinessTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task CheckAsync_AzuriteWithTheRightKey_FindsNoProblem()
    {
        using var cts = TestTimeout.Start();
        var options = new StorageOptions { ConnectionString = azurite.ConnectionString };

        Assert.Empty(await new StorageReadiness(new StorageAccountClients(options), options).CheckAsync("drivesync-state", cts.Token));
    }

    [Fact]
    public async Task CheckAsync_AccountSasConnectionString_FindsNoProblemAndBlobsAndQueuesWork()
    {
        using var cts = TestTimeout.Start();
        var sas = new AccountSasBuilder(AccountSasPermissions.All, DateTimeOffset.UtcNow.AddHours(1), AccountSasServices.All, AccountSasResourceTypes.All)
            .ToSasQueryParameters(new StorageSharedKeyCredential(DevelopmentStorage.AccountName, DevelopmentStorage.AccountKey)).ToString();
        var options = new StorageOptions
        {
            ConnectionString = $"BlobEndpoint={azurite.BlobEndpoint};QueueEndpoint={azurite.QueueEndpoint};TableEndpoint={azurite.TableEndpoint};SharedAccessSignature={sas}",
        };
        var clients = new StorageAccountClients(options);
        var store = new AzureBlobStore(clients);
        var queue = clients.Queues.GetQueueClient("sas-" + Guid.NewGuid().ToString("N")[..8]);

        Assert.Empty(options.Validate());
        Assert.Empty(await new StorageReadiness(clients, options).CheckAsync("drivesync-state", cts.Token));
        await store.EnsureContainerAsync("sas-checked", cts.Token);
        Assert.NotNull(await store.WriteAsync("sas-checked", "x.txt", new MemoryStream([1]), new BlobWriteOptions(WriteCondition.IfAbsent), cts.Token));
        await queue.CreateIfNotExistsAsync(cancellationToken: cts.Token);
        Assert.False(string.IsNullOrEmpty((await queue.SendMessageAsync("m", cts.Token)).Value.MessageId));
    }

    [Fact]
    public async Task CheckAsync_WrongAccountKey_CredentialsRefusedNamingTheConnectionStringWithoutTheKey()
    {
        using var cts = TestTimeout.Start();
        var wrongKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(64));
        var options = new StorageOptions { ConnectionString = azurite.ConnectionString.Replace(DevelopmentStorage.AccountKey, wrongKey, StringComparison.Ordinal) };

        var problem = Assert.Single(await new StorageReadiness(new StorageAccountClients(options), options).CheckAsync("drivesync-state", cts.Token));

        Assert.Equal(StorageProblemKind.CredentialsRefused, problem.Kind);
        Assert.StartsWith("DriveSync:Storage:ConnectionString: the blob service at " + azurite.BlobEndpoint + " refused the credentials (403", problem.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(wrongKey, problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CheckAsync_NothingListening_UnreachableWithinTheTimeout()
    {
        using var cts = TestTimeout.Start();
        var options = new StorageOptions { ConnectionString = DevelopmentStorage.ConnectionString(FreePort.Next(), FreePort.Next(), FreePort.Next()), ReadinessTimeout = TimeSpan.FromSeconds(5) };
        var clock = Stopwatch.StartNew();

        var problem = Assert.Single(await new StorageReadiness(new StorageAccountClients(options), options).CheckAsync("drivesync-state", cts.Token));

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(15), clock.Elapsed.ToString());
        Assert.Equal(StorageProblemKind.Unreachable, problem.Kind);
        Assert.StartsWith("DriveSync:Storage:ConnectionString: the blob endpoint http://127.0.0.1:", problem.Message, StringComparison.Ordinal);
        Assert.Contains("could not be reached (ConnectionRefused)", problem.Message, StringComparison.Ordinal);
    }
}
