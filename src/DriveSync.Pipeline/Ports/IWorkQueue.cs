namespace DriveSync.Pipeline.Ports;

/// <summary>
/// The pipeline's one view of the work queue. Implemented over Azure.Storage.Queues (<see cref="Adapters.AzureWorkQueue"/>).
/// </summary>
public interface IWorkQueue
{
    /// <summary>Creates the queue when it does not exist.</summary>
    Task EnsureExistsAsync(CancellationToken cancellationToken);

    /// <summary>Adds a message that becomes visible after <paramref name="delay"/>.</summary>
    Task SendAsync(string text, TimeSpan delay, CancellationToken cancellationToken);

    /// <summary>Receives up to <paramref name="maxMessages"/> messages, hiding them for <paramref name="visibilityTimeout"/>.</summary>
    Task<IReadOnlyList<QueuedMessage>> ReceiveAsync(int maxMessages, TimeSpan visibilityTimeout, CancellationToken cancellationToken);

    /// <summary>Keeps a received message hidden for another <paramref name="visibilityTimeout"/>; returns it with its new pop receipt.</summary>
    Task<QueuedMessage> ExtendAsync(QueuedMessage message, TimeSpan visibilityTimeout, CancellationToken cancellationToken);

    /// <summary>Deletes a received message; no error when it is already gone.</summary>
    Task DeleteAsync(QueuedMessage message, CancellationToken cancellationToken);
}

/// <summary>A received queue message.</summary>
public sealed record QueuedMessage(string MessageId, string PopReceipt, string Text, long DequeueCount);
