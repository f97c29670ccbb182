using DriveSync.Testing;

namespace DriveSync.AzureStorage.Tests;

/// <summary>Azure.Core's retry policy is the one retry layer: proved against a wire-level server that throttles on demand.</summary>
public sealed class ThrottlingTests
{
    private static StorageAccountClient ClientFor(CannedHttpServer server, int maxRetries) => new(
        StorageConnection.Parse(
            $"AccountName=devstoreaccount1;AccountKey={StorageConnection.DevelopmentAccountKey};BlobEndpoint={server.Endpoint};QueueEndpoint={server.Endpoint}"),
        new StorageClientOptions { MaxRetries = maxRetries, RetryDelay = TimeSpan.FromMilliseconds(10), MaxRetryDelay = TimeSpan.FromMilliseconds(50) });

    [Fact]
    public async Task CreateIfNotExistsAsync_TwoServerBusyThenCreated_RetriesAndSucceeds()
    {
        using var cts = TestTimeout.Start();
        await using var server = new CannedHttpServer(n => n <= 2 ? (503, "ServerBusy") : (201, null));

        var created = await ClientFor(server, maxRetries: 3).GetBlobContainerClient("busy").CreateIfNotExistsAsync(cts.Token);

        Assert.True(created);
        Assert.Equal(3, server.Requests);
    }

    [Theory]
    [InlineData(503, "ServerBusy")]
    [InlineData(500, "OperationTimedOut")]
    public async Task SendMessageAsync_ThrottledBeyondRetries_ThrowsThrottledWithStatusCodeAndRequestId(int status, string code)
    {
        using var cts = TestTimeout.Start();
        await using var server = new CannedHttpServer(_ => (status, code));

        var error = await Assert.ThrowsAsync<StorageThrottledException>(
            () => ClientFor(server, maxRetries: 2).GetQueueClient("busy").SendMessageAsync("x", cancellationToken: cts.Token));

        Assert.Equal(3, server.Requests);
        Assert.Equal(status, error.Status);
        Assert.Equal(code, error.ErrorCode);
        Assert.Equal("req-3", error.RequestId);
        Assert.Contains($"Put Message failed: {status} {code} (request id req-3)", error.Message, StringComparison.Ordinal);
        Assert.Equal(StorageFailureAction.Retry, StorageFailureClassifier.Classify(error));
    }

    [Fact]
    public async Task GetPropertiesAsync_BadRequest_IsNotRetried()
    {
        using var cts = TestTimeout.Start();
        await using var server = new CannedHttpServer(_ => (400, "InvalidHeaderValue"));

        var error = await Assert.ThrowsAsync<StorageRequestException>(
            () => ClientFor(server, maxRetries: 3).GetBlobContainerClient("bad").GetPropertiesAsync("doc", cancellationToken: cts.Token));

        Assert.Equal(1, server.Requests);
        Assert.Equal("InvalidHeaderValue", error.ErrorCode);
        Assert.Equal(StorageFailureAction.SkipFile, StorageFailureClassifier.Classify(error));
    }
}
