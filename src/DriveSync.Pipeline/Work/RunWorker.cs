using DriveSync.Pipeline.Ports;
using Microsoft.Extensions.Logging;

namespace DriveSync.Pipeline.Work;

/// <summary>
/// The standalone queue worker: <c>WorkerConcurrency</c> loops that receive one message each, hand it to
/// <see cref="WorkMessageHandler"/>, and delete it when handled (a failed message reappears after the
/// visibility timeout); plus a watchdog loop. Any number of processes may run one.
/// </summary>
public sealed class RunWorker(
    IWorkQueue queue,
    WorkMessageHandler handler,
    RunWatchdog watchdog,
    Runs.StorageBootstrap bootstrap,
    PipelineOptions options,
    TimeProvider time,
    ILogger<RunWorker> logger)
{
    /// <summary>Works until <paramref name="cancellationToken"/> is cancelled; then returns (in-flight messages reappear later).</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            await bootstrap.EnsureAsync(cancellationToken);
            var loops = Enumerable.Range(0, options.WorkerConcurrency).Select(_ => ReceiveLoopAsync(cancellationToken)).ToList();
            loops.Add(WatchLoopAsync(cancellationToken));
            await Task.WhenAll(loops);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    private async Task ReceiveLoopAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            IReadOnlyList<QueuedMessage> messages;
            try
            {
                messages = await queue.ReceiveAsync(1, options.VisibilityTimeout, cancellationToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                logger.LogWarning("Receiving from the work queue failed: {ErrorType}", exception.GetType().Name);
                await Task.Delay(options.QueuePollInterval, time, cancellationToken);
                continue;
            }
            if (messages.Count == 0)
            {
                await Task.Delay(options.QueuePollInterval, time, cancellationToken);
                continue;
            }
            foreach (var message in messages)
                await HandleAsync(message, cancellationToken);
        }
    }

    private async Task HandleAsync(QueuedMessage message, CancellationToken cancellationToken)
    {
        var received = new ReceivedMessage(message);
        using var handled = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var keeper = KeepHiddenAsync(received, handled.Token);
        try
        {
            await handler.HandleMessageAsync(message.Text, message.DequeueCount, cancellationToken);
            await handled.CancelAsync();
            await keeper;
            await queue.DeleteAsync(received.Current, cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning("Work message {MessageId} failed on delivery {DequeueCount} ({ErrorType}); it will be delivered again",
                message.MessageId, message.DequeueCount, exception.GetType().Name);
        }
        finally
        {
            await handled.CancelAsync();
            await keeper;
        }
    }

    /// <summary>
    /// While a message is being handled, hides it again every half visibility timeout, so a long batch is not
    /// delivered to a second worker meanwhile. If that fails the message may reappear, which is harmless.
    /// </summary>
    private async Task KeepHiddenAsync(ReceivedMessage received, CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                await Task.Delay(options.VisibilityTimeout / 2, time, cancellationToken);
                received.Current = await queue.ExtendAsync(received.Current, options.VisibilityTimeout, cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The message was handled (or the worker is stopping).
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            logger.LogWarning("Could not keep work message {MessageId} hidden ({ErrorType}); another worker may take it over",
                received.Current.MessageId, exception.GetType().Name);
        }
    }

    private sealed class ReceivedMessage(QueuedMessage message)
    {
        public QueuedMessage Current { get; set; } = message;
    }

    private async Task WatchLoopAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            await Task.Delay(options.StalledRunAfter, time, cancellationToken);
            try
            {
                await watchdog.TickAsync(cancellationToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                logger.LogWarning("The run watchdog failed: {ErrorType}", exception.GetType().Name);
            }
        }
    }
}
