using DriveSync.AzureStorage;
using DriveSync.Pipeline.Ports;

namespace DriveSync.Pipeline.Adapters;

/// <summary><see cref="IWorkQueue"/> over the repository's Azure.Core queue client; the one place that knows it.</summary>
public sealed class AzureWorkQueue(StorageAccountClient account, PipelineOptions options) : IWorkQueue
{
    private readonly QueueClient _queue = account.GetQueueClient(options.WorkQueue);

    public async Task EnsureExistsAsync(CancellationToken cancellationToken) => await _queue.CreateIfNotExistsAsync(cancellationToken);

    public async Task SendAsync(string text, TimeSpan delay, CancellationToken cancellationToken) =>
        await _queue.SendMessageAsync(text, delay > TimeSpan.Zero ? delay : null, null, cancellationToken);

    public async Task<IReadOnlyList<QueuedMessage>> ReceiveAsync(int maxMessages, TimeSpan visibilityTimeout, CancellationToken cancellationToken)
    {
        var messages = await _queue.ReceiveMessagesAsync(maxMessages, visibilityTimeout, cancellationToken);
        return messages.Select(m => new QueuedMessage(m.MessageId, m.PopReceipt, m.MessageText, m.DequeueCount)).ToList();
    }

    public async Task<QueuedMessage> ExtendAsync(QueuedMessage message, TimeSpan visibilityTimeout, CancellationToken cancellationToken)
    {
        var receipt = await _queue.UpdateVisibilityAsync(message.MessageId, message.PopReceipt, visibilityTimeout, null, cancellationToken);
        return message with { PopReceipt = receipt.PopReceipt };
    }

    public async Task DeleteAsync(QueuedMessage message, CancellationToken cancellationToken)
    {
        try
        {
            await _queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, cancellationToken);
        }
        catch (StorageNotFoundException)
        {
            // Already deleted, or re-delivered to another worker: that worker deletes it.
        }
    }
}
