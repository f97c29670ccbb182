using System.Diagnostics;
using System.Security.Cryptography;
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
