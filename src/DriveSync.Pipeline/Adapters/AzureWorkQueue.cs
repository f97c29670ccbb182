using Azure;
using Azure.Storage.Queues;
using DriveSync.Pipeline.Ports;
using DriveSync.Pipeline.Storage;

namespace DriveSync.Pipeline.Adapters;

/// <summary><see cref="IWorkQueue"/> over Azure.Storage.Queues (base64 message text, as before).</summary>
public sealed class AzureWorkQueue(StorageAccountClients account, PipelineOptions options) : IWorkQueue
{
    private readonly QueueClient _queue = account.Queues.GetQueueClient(options.WorkQueue);

    public async Task EnsureExistsAsync(CancellationToken cancellationToken) => await _queue.CreateIfNotExistsAsync(cancellationToken: cancellationToken);

    public async Task SendAsync(string text, TimeSpan delay, CancellationToken cancellationToken) =>
        await _queue.SendMessageAsync(text, delay > TimeSpan.Zero ? delay : null, null, cancellationToken);

    public async Task<IReadOnlyList<QueuedMessage>> ReceiveAsync(int maxMessages, TimeSpan visibilityTimeout, CancellationToken cancellationToken)
    {
        var messages = await _queue.ReceiveMessagesAsync(maxMessages, visibilityTimeout, cancellationToken);
        return messages.Value.Select(m => new QueuedMessage(m.MessageId, m.PopReceipt, m.Body.ToString(), m.DequeueCount)).ToList();
    }

    public async Task<QueuedMessage> ExtendAsync(QueuedMessage message, TimeSpan visibilityTimeout, CancellationToken cancellationToken)
    {
        var receipt = await _queue.UpdateMessageAsync(message.MessageId, message.PopReceipt, visibilityTimeout: visibilityTimeout, cancellationToken: cancellationToken);
        return message with { PopReceipt = receipt.Value.PopReceipt };
    }

    public async Task DeleteAsync(QueuedMessage message, CancellationToken cancellationToken)
    {
        try
        {
            await _queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            // Already deleted, or re-delivered to another worker: that worker deletes it.
        }
    }
}
