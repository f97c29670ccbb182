namespace DriveSync.Host.Api.Durable;

/// <summary>
/// Lets identical instance-list requests that arrive together share one query of the task hub, so 200 status pages
/// polling at once cost the task hub a query or two instead of 200 queued ones.
/// <para>
/// A request never gets an answer older than itself: when no query for its key is running it starts one; when one is
/// already running (it may have read the table before the request arrived) it waits for the <em>next</em> query, which
/// starts as soon as the running one ends and serves every request that arrived meanwhile. So at most one query per key
/// runs at a time and a caller waits at most for two. A failure reaches exactly the requests that shared the query;
/// the next request starts afresh. A caller's cancellation stops its own wait, never the shared query.
/// </para>
/// </summary>
public sealed class SharedListQueries
{
    private readonly Lock gate = new();
    private readonly Dictionary<object, Slot> slots = [];

    /// <summary>
    /// The answer of <paramref name="query"/> for <paramref name="key"/>, shared with the identical requests that wait
    /// for the same run of it. <paramref name="query"/> must not depend on the caller beyond what <paramref name="key"/>
    /// says (it may run for another caller), and must not hold a caller's cancellation token.
    /// </summary>
    public Task<TResult> RunAsync<TResult>(object key, Func<Task<TResult>> query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(query);
        Task<object?> shared;
        lock (gate)
        {
            if (!slots.TryGetValue(key, out var slot))
            {
                slot = new Slot();
                slots[key] = slot;
            }

            if (slot.Running is null)
            {
                shared = Start(key, slot, async () => await query().ConfigureAwait(false));
            }
            else
            {
                slot.Next ??= new Waiting(new TaskCompletionSource<object?>(TaskCreationOptions.RunContinuationsAsynchronously), async () => await query().ConfigureAwait(false));
                shared = slot.Next.Answer.Task;
            }
        }

        return Typed<TResult>(shared, cancellationToken);
    }

    private static async Task<TResult> Typed<TResult>(Task<object?> shared, CancellationToken cancellationToken) =>
        (TResult)(await shared.WaitAsync(cancellationToken).ConfigureAwait(false))!;

    private Task<object?> Start(object key, Slot slot, Func<Task<object?>> query)
    {
        var running = Task.Run(query);
        slot.Running = running;
        _ = running.ContinueWith(_ => Finished(key, slot), CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
        return running;
    }

    private void Finished(object key, Slot slot)
    {
        lock (gate)
        {
            slot.Running = null;
            if (slot.Next is not { } next)
            {
                slots.Remove(key);
                return;
            }

            slot.Next = null;
            var running = Start(key, slot, next.Query);
            _ = running.ContinueWith(
                t =>
                {
                    if (t.IsCanceled)
                    {
                        next.Answer.TrySetCanceled();
                    }
                    else if (t.Exception is { } failure)
                    {
                        next.Answer.TrySetException(failure.InnerExceptions);
                    }
                    else
                    {
                        next.Answer.TrySetResult(t.Result);
                    }
                },
                CancellationToken.None,
                TaskContinuationOptions.ExecuteSynchronously,
                TaskScheduler.Default);
        }
    }

    /// <summary>The query running for one key, and the callers waiting for the one after it.</summary>
    private sealed class Slot
    {
        public Task<object?>? Running { get; set; }

        public Waiting? Next { get; set; }
    }

    private sealed record Waiting(TaskCompletionSource<object?> Answer, Func<Task<object?>> Query);
}
