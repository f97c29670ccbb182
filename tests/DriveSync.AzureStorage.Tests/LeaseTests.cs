using DriveSync.Testing;

namespace DriveSync.AzureStorage.Tests;

[Collection(AzuriteCollection.Name)]
public sealed class LeaseTests(AzuriteFixture azurite)
{
    private readonly StorageAccountClient _client = azurite.CreateClient();

    [Fact]
    public async Task AcquireLeaseAsync_InfiniteLease_BlocksWritesWithoutTheLeaseIdAndAllowsWritesWithIt()
    {
        using var cts = TestTimeout.Start();
        var container = await TestData.NewContainerAsync(_client, cts.Token);
        await container.UploadAsync("lock", TestData.Text("v0"), cancellationToken: cts.Token);

        var lease = await container.AcquireLeaseAsync("lock", duration: null, cancellationToken: cts.Token);
        var withoutLease = await Assert.ThrowsAsync<StorageLeaseConflictException>(
            () => container.UploadAsync("lock", TestData.Text("intruder"), cancellationToken: cts.Token));
        await container.UploadAsync(
            "lock", TestData.Text("v1"), new BlobUploadOptions { Conditions = BlobRequestConditions.WithLease(lease.LeaseId) }, cts.Token);
        var properties = await container.GetPropertiesAsync("lock", cancellationToken: cts.Token);

        Assert.Equal(412, withoutLease.Status);
        Assert.Equal("LeaseIdMissing", withoutLease.ErrorCode);
        Assert.Equal(StorageFailureAction.StopRun, StorageFailureClassifier.Classify(withoutLease));
        Assert.Equal(BlobLeaseState.Leased, properties!.LeaseState);
        Assert.Equal("v1", await TestData.DownloadTextAsync(container, "lock", cts.Token));
    }

    [Fact]
    public async Task AcquireLeaseAsync_AlreadyLeased_ThrowsLeaseConflict()
    {
        using var cts = TestTimeout.Start();
        var container = await TestData.NewContainerAsync(_client, cts.Token);
        await container.UploadAsync("lock", Stream.Null, cancellationToken: cts.Token);
        await container.AcquireLeaseAsync("lock", TimeSpan.FromSeconds(60), cancellationToken: cts.Token);

        var error = await Assert.ThrowsAsync<StorageLeaseConflictException>(
            () => container.AcquireLeaseAsync("lock", TimeSpan.FromSeconds(60), cancellationToken: cts.Token));

        Assert.Equal(409, error.Status);
        Assert.Equal("LeaseAlreadyPresent", error.ErrorCode);
    }

    [Fact]
    public async Task AcquireLeaseAsync_ProposedId_IsTheLeaseIdAndReacquiringWithItSucceeds()
    {
        using var cts = TestTimeout.Start();
        var container = await TestData.NewContainerAsync(_client, cts.Token);
        await container.UploadAsync("lock", Stream.Null, cancellationToken: cts.Token);
        var id = Guid.NewGuid().ToString();

        var first = await container.AcquireLeaseAsync("lock", null, id, cancellationToken: cts.Token);
        var again = await container.AcquireLeaseAsync("lock", null, id, cancellationToken: cts.Token);

        Assert.Equal(id, first.LeaseId);
        Assert.Equal(id, again.LeaseId);
    }

    [Fact]
    public async Task AcquireLeaseAsync_MissingBlob_ThrowsNotFound()
    {
        using var cts = TestTimeout.Start();
        var container = await TestData.NewContainerAsync(_client, cts.Token);

        await Assert.ThrowsAsync<StorageNotFoundException>(() => container.AcquireLeaseAsync("nope", null, cancellationToken: cts.Token));
    }

    [Fact]
    public async Task ReleaseLeaseAsync_HeldLease_LetsAnotherOwnerAcquireAtOnce()
    {
        using var cts = TestTimeout.Start();
        var container = await TestData.NewContainerAsync(_client, cts.Token);
        await container.UploadAsync("lock", Stream.Null, cancellationToken: cts.Token);
        var first = await container.AcquireLeaseAsync("lock", TimeSpan.FromSeconds(60), cancellationToken: cts.Token);

        await container.ReleaseLeaseAsync("lock", first.LeaseId, cts.Token);
        var second = await container.AcquireLeaseAsync("lock", TimeSpan.FromSeconds(60), cancellationToken: cts.Token);

        Assert.NotEqual(first.LeaseId, second.LeaseId);
        await Assert.ThrowsAsync<StorageLeaseConflictException>(() => container.RenewLeaseAsync("lock", first.LeaseId, cts.Token));
    }

    [Fact]
    public async Task ChangeLeaseAsync_HeldLease_OnlyTheNewIdWorks()
    {
        using var cts = TestTimeout.Start();
        var container = await TestData.NewContainerAsync(_client, cts.Token);
        await container.UploadAsync("lock", Stream.Null, cancellationToken: cts.Token);
        var lease = await container.AcquireLeaseAsync("lock", null, cancellationToken: cts.Token);
        var newId = Guid.NewGuid().ToString();

        var changed = await container.ChangeLeaseAsync("lock", lease.LeaseId, newId, cts.Token);
        var oldIdWrite = await Assert.ThrowsAsync<StorageLeaseConflictException>(() => container.SetMetadataAsync(
            "lock", new Dictionary<string, string> { ["k"] = "v" }, BlobRequestConditions.WithLease(lease.LeaseId), cts.Token));
        await container.SetMetadataAsync("lock", new Dictionary<string, string> { ["k"] = "v" }, BlobRequestConditions.WithLease(newId), cts.Token);

        Assert.Equal(newId, changed.LeaseId);
        Assert.StartsWith("LeaseIdMismatch", oldIdWrite.ErrorCode, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BreakLeaseAsync_InfiniteLease_BreaksAtOnceSoAnotherOwnerTakesOver()
    {
        using var cts = TestTimeout.Start();
        var container = await TestData.NewContainerAsync(_client, cts.Token);
        await container.UploadAsync("lock", Stream.Null, cancellationToken: cts.Token);
        var crashedOwner = await container.AcquireLeaseAsync("lock", null, cancellationToken: cts.Token);

        var remaining = await container.BreakLeaseAsync("lock", cancellationToken: cts.Token);
        var stateAfterBreak = (await container.GetPropertiesAsync("lock", cancellationToken: cts.Token))!.LeaseState;
        var takeover = await container.AcquireLeaseAsync("lock", null, cancellationToken: cts.Token);

        Assert.Equal(TimeSpan.Zero, remaining);
        Assert.Equal(BlobLeaseState.Broken, stateAfterBreak);
        Assert.NotEqual(crashedOwner.LeaseId, takeover.LeaseId);
        await Assert.ThrowsAsync<StorageLeaseConflictException>(() => container.RenewLeaseAsync("lock", crashedOwner.LeaseId, cts.Token));
    }

    [Fact]
    public async Task AcquireLeaseAsync_FifteenSecondLeaseNotRenewed_ExpiresAndIsTakenOver()
    {
        using var cts = TestTimeout.Start(TimeSpan.FromSeconds(60));
        var container = await TestData.NewContainerAsync(_client, cts.Token);
        await container.UploadAsync("lock", Stream.Null, cancellationToken: cts.Token);
        var owner = await container.AcquireLeaseAsync("lock", TimeSpan.FromSeconds(15), cancellationToken: cts.Token);
        await Assert.ThrowsAsync<StorageLeaseConflictException>(
            () => container.AcquireLeaseAsync("lock", TimeSpan.FromSeconds(15), cancellationToken: cts.Token));

        await TestWait.UntilAsync(
            async () => (await container.GetPropertiesAsync("lock", cancellationToken: cts.Token))!.LeaseState == BlobLeaseState.Expired,
            TimeSpan.FromSeconds(40),
            TimeSpan.FromMilliseconds(500));
        var takeover = await container.AcquireLeaseAsync("lock", TimeSpan.FromSeconds(15), cancellationToken: cts.Token);
        var staleRenew = await Assert.ThrowsAsync<StorageLeaseConflictException>(() => container.RenewLeaseAsync("lock", owner.LeaseId, cts.Token));

        Assert.NotEqual(owner.LeaseId, takeover.LeaseId);
        Assert.Equal(409, staleRenew.Status);
    }

    [Fact]
    public async Task RenewLeaseAsync_HeldLease_KeepsTheSameId()
    {
        using var cts = TestTimeout.Start();
        var container = await TestData.NewContainerAsync(_client, cts.Token);
        await container.UploadAsync("lock", Stream.Null, cancellationToken: cts.Token);
        var lease = await container.AcquireLeaseAsync("lock", TimeSpan.FromSeconds(15), cancellationToken: cts.Token);

        var renewed = await container.RenewLeaseAsync("lock", lease.LeaseId, cts.Token);

        Assert.Equal(lease.LeaseId, renewed.LeaseId);
    }

    [Fact]
    public async Task DeleteIfExistsAsync_LeasedBlob_NeedsTheLeaseId()
    {
        using var cts = TestTimeout.Start();
        var container = await TestData.NewContainerAsync(_client, cts.Token);
        await container.UploadAsync("lock", Stream.Null, cancellationToken: cts.Token);
        var lease = await container.AcquireLeaseAsync("lock", null, cancellationToken: cts.Token);

        await Assert.ThrowsAsync<StorageLeaseConflictException>(() => container.DeleteIfExistsAsync("lock", cancellationToken: cts.Token));
        var deleted = await container.DeleteIfExistsAsync("lock", BlobRequestConditions.WithLease(lease.LeaseId), cts.Token);

        Assert.True(deleted);
    }

    [Theory]
    [InlineData(14)]
    [InlineData(61)]
    public async Task AcquireLeaseAsync_DurationOutsideFifteenToSixtySeconds_ThrowsArgumentOutOfRange(int seconds)
    {
        using var cts = TestTimeout.Start();
        var container = _client.GetBlobContainerClient(TestNames.Unique("never-created"));

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(
            () => container.AcquireLeaseAsync("lock", TimeSpan.FromSeconds(seconds), cancellationToken: cts.Token));
    }
}
