using DriveSync.Testing;

namespace DriveSync.AzureStorage.Tests;

[Collection(AzuriteCollection.Name)]
public sealed class ContainerTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task CreateIfNotExistsAsync_NewThenExisting_ReturnsTrueThenFalse()
    {
        using var cts = TestTimeout.Start();
        var container = azurite.CreateClient().GetBlobContainerClient(TestNames.Unique("ct"));

        var first = await container.CreateIfNotExistsAsync(cts.Token);
        var second = await container.CreateIfNotExistsAsync(cts.Token);

        Assert.True(first);
        Assert.False(second);
    }
}
