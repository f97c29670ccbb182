using DriveSync.Testing;

namespace DriveSync.AzureStorage.Tests;

[Collection(AzuriteCollection.Name)]
public sealed class QueueTests(AzuriteFixture azurite)
{
    private readonly StorageAccountClient _client = azurite.CreateClient();

    private async Task<QueueClient> NewQueueAsync(CancellationToken ct)
    {
        var queue = _client.GetQueueClient(TestNames.Unique("q"));
        await queue.CreateIfNotExistsAsync(ct);
        return queue;
    }

    [Fact]
    public async Task CreateIfNotExistsAsync_NewThenExisting_ReturnsTrueThenFalse()
    {
        using var cts = TestTimeout.Start();
        var queue = _client.GetQueueClient(TestNames.Unique("q"));

        Assert.True(await queue.CreateIfNotExistsAsync(cts.Token));
        Assert.False(await queue.CreateIfNotExistsAsync(cts.Token));
    }

    [Fact]
    public async Task SendMessageAsync_ThenReceiveAndDelete_DeliversTextOnceAndEmptiesTheQueue()
    {
        using var cts = TestTimeout.Start();
        var queue = await NewQueueAsync(cts.Token);
        const string text = "{\"batch\":\"b-0001\",\"note\":\"<x> & ünïcode ✓\"}";

        var receipt = await queue.SendMessageAsync(text, cancellationToken: cts.Token);
        var received = await queue.ReceiveMessagesAsync(1, TimeSpan.FromSeconds(30), cts.Token);
        var message = Assert.Single(received);
        await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, cts.Token);

        Assert.Equal(receipt.MessageId, message.MessageId);
        Assert.Equal(text, message.MessageText);
        Assert.Equal(1, message.DequeueCount);
        Assert.True(message.NextVisibleTime > message.InsertionTime);
        Assert.Empty(await queue.PeekMessagesAsync(32, cts.Token));
        Assert.Equal(0, await queue.GetApproximateMessageCountAsync(cts.Token));
    }

    [Fact]
    public async Task ReceiveMessagesAsync_MaxMessages_ReturnsAtMostThatManyEachOnce()
    {
        using var cts = TestTimeout.Start();
        var queue = await NewQueueAsync(cts.Token);
        for (var i = 0; i < 5; i++)
        {
            await queue.SendMessageAsync($"m{i}", cancellationToken: cts.Token);
        }

        var first = await queue.ReceiveMessagesAsync(3, TimeSpan.FromSeconds(60), cts.Token);
        var second = await queue.ReceiveMessagesAsync(32, TimeSpan.FromSeconds(60), cts.Token);
        var third = await queue.ReceiveMessagesAsync(32, TimeSpan.FromSeconds(60), cts.Token);

        Assert.Equal(3, first.Count);
        Assert.Equal(2, second.Count);
        Assert.Empty(third);
        Assert.Equal(
            ["m0", "m1", "m2", "m3", "m4"],
            first.Concat(second).Select(m => m.MessageText).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task ReceiveMessagesAsync_NotDeletedWithinVisibilityTimeout_ComesBackWithDequeueCountTwo()
    {
        using var cts = TestTimeout.Start();
        var queue = await NewQueueAsync(cts.Token);
        await queue.SendMessageAsync("work", cancellationToken: cts.Token);

        var first = Assert.Single(await queue.ReceiveMessagesAsync(1, TimeSpan.FromSeconds(1), cts.Token));
        QueueMessage? second = null;
        await TestWait.UntilAsync(
            async () => (second = (await queue.ReceiveMessagesAsync(1, TimeSpan.FromSeconds(30), cts.Token)).SingleOrDefault()) is not null,
            TimeSpan.FromSeconds(15));

        Assert.Equal(first.MessageId, second!.MessageId);
        Assert.Equal("work", second.MessageText);
        Assert.Equal(1, first.DequeueCount);
        Assert.Equal(2, second.DequeueCount);
        Assert.NotEqual(first.PopReceipt, second.PopReceipt);
        var stale = await Assert.ThrowsAsync<StoragePreconditionFailedException>(() => queue.DeleteMessageAsync(first.MessageId, first.PopReceipt, cts.Token));
        Assert.Equal("PopReceiptMismatch", stale.ErrorCode);
        Assert.Equal(StorageFailureAction.SkipFile, StorageFailureClassifier.Classify(stale));
    }

    [Fact]
    public async Task SendMessageAsync_WithVisibilityDelay_IsHiddenUntilThen()
    {
        using var cts = TestTimeout.Start();
        var queue = await NewQueueAsync(cts.Token);

        var receipt = await queue.SendMessageAsync("later", visibilityTimeout: TimeSpan.FromSeconds(60), timeToLive: TimeSpan.FromMinutes(5), cts.Token);

        Assert.True(receipt.NextVisibleTime >= receipt.InsertionTime.AddSeconds(59));
        Assert.Empty(await queue.ReceiveMessagesAsync(1, cancellationToken: cts.Token));
        Assert.Equal(1, await queue.GetApproximateMessageCountAsync(cts.Token));
    }

    [Fact]
    public async Task UpdateVisibilityAsync_ZeroTimeout_MakesTheMessageVisibleWithNewReceiptAndText()
    {
        using var cts = TestTimeout.Start();
        var queue = await NewQueueAsync(cts.Token);
        await queue.SendMessageAsync("v1", cancellationToken: cts.Token);
        var message = Assert.Single(await queue.ReceiveMessagesAsync(1, TimeSpan.FromMinutes(5), cts.Token));

        var update = await queue.UpdateVisibilityAsync(message.MessageId, message.PopReceipt, TimeSpan.Zero, "v2", cts.Token);
        var again = Assert.Single(await queue.ReceiveMessagesAsync(1, TimeSpan.FromMinutes(5), cts.Token));

        Assert.NotEqual(message.PopReceipt, update.PopReceipt);
        Assert.Equal(message.MessageId, again.MessageId);
        Assert.Equal("v2", again.MessageText);
        Assert.Equal(2, again.DequeueCount);
    }

    [Fact]
    public async Task UpdateVisibilityAsync_ExtendsLease_NewPopReceiptDeletes()
    {
        using var cts = TestTimeout.Start();
        var queue = await NewQueueAsync(cts.Token);
        await queue.SendMessageAsync("long job", cancellationToken: cts.Token);
        var message = Assert.Single(await queue.ReceiveMessagesAsync(1, TimeSpan.FromSeconds(5), cts.Token));

        var update = await queue.UpdateVisibilityAsync(message.MessageId, message.PopReceipt, TimeSpan.FromMinutes(2), cancellationToken: cts.Token);
        await Assert.ThrowsAsync<StoragePreconditionFailedException>(() => queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, cts.Token));
        await queue.DeleteMessageAsync(message.MessageId, update.PopReceipt, cts.Token);

        Assert.True(update.NextVisibleTime > message.NextVisibleTime);
        Assert.Equal(0, await queue.GetApproximateMessageCountAsync(cts.Token));
    }

    [Fact]
    public async Task PeekMessagesAsync_VisibleMessages_ShowsThemWithoutDequeuing()
    {
        using var cts = TestTimeout.Start();
        var queue = await NewQueueAsync(cts.Token);
        await queue.SendMessageAsync("a", cancellationToken: cts.Token);
        await queue.SendMessageAsync("b", cancellationToken: cts.Token);

        var peeked = await queue.PeekMessagesAsync(32, cts.Token);
        var received = await queue.ReceiveMessagesAsync(32, cancellationToken: cts.Token);

        Assert.Equal(["a", "b"], peeked.Select(m => m.MessageText));
        Assert.All(peeked, m => Assert.Equal(0, m.DequeueCount));
        Assert.Equal(2, received.Count);
        Assert.All(received, m => Assert.Equal(1, m.DequeueCount));
    }

    [Fact]
    public async Task GetApproximateMessageCountAsync_AfterSends_CountsMessages()
    {
        using var cts = TestTimeout.Start();
        var queue = await NewQueueAsync(cts.Token);
        for (var i = 0; i < 4; i++)
        {
            await queue.SendMessageAsync($"m{i}", cancellationToken: cts.Token);
        }

        Assert.Equal(4, await queue.GetApproximateMessageCountAsync(cts.Token));
    }

    [Fact]
    public async Task DeleteMessageAsync_AlreadyDeleted_ThrowsNotFound()
    {
        using var cts = TestTimeout.Start();
        var queue = await NewQueueAsync(cts.Token);
        await queue.SendMessageAsync("once", cancellationToken: cts.Token);
        var message = Assert.Single(await queue.ReceiveMessagesAsync(cancellationToken: cts.Token));
        await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, cts.Token);

        var error = await Assert.ThrowsAsync<StorageNotFoundException>(() => queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, cts.Token));

        Assert.Equal("MessageNotFound", error.ErrorCode);
    }

    [Fact]
    public async Task SendMessageAsync_MissingQueue_ThrowsNotFoundThatStopsTheRun()
    {
        using var cts = TestTimeout.Start();
        var queue = _client.GetQueueClient(TestNames.Unique("missing"));

        var error = await Assert.ThrowsAsync<StorageNotFoundException>(() => queue.SendMessageAsync("x", cancellationToken: cts.Token));

        Assert.Equal("QueueNotFound", error.ErrorCode);
        Assert.Equal(StorageFailureAction.StopRun, StorageFailureClassifier.Classify(error));
    }

    [Fact]
    public async Task SendMessageAsync_TextOverLimit_ThrowsArgumentExceptionWithoutSending()
    {
        using var cts = TestTimeout.Start();
        var queue = _client.GetQueueClient(TestNames.Unique("never-created"));

        await Assert.ThrowsAsync<ArgumentException>(
            () => queue.SendMessageAsync(new string('x', QueueClient.MaxMessageTextBytes + 1), cancellationToken: cts.Token));
    }

    [Fact]
    public async Task SendMessageAsync_TextAtLimit_RoundTrips()
    {
        using var cts = TestTimeout.Start();
        var queue = await NewQueueAsync(cts.Token);
        var text = new string('y', QueueClient.MaxMessageTextBytes);

        await queue.SendMessageAsync(text, cancellationToken: cts.Token);
        var message = Assert.Single(await queue.ReceiveMessagesAsync(cancellationToken: cts.Token));

        Assert.Equal(text, message.MessageText);
    }
}
