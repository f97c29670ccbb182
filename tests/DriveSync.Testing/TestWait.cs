namespace DriveSync.Testing;

/// <summary>Polling waits with a hard timeout, for conditions that become true on their own (a lease expiring, a message reappearing).</summary>
public static class TestWait
{
    /// <summary>
    /// Polls <paramref name="condition"/> every <paramref name="poll"/> (default 200 ms) until it is true;
    /// throws <see cref="TimeoutException"/> when <paramref name="timeout"/> passes first.
    /// </summary>
    public static async Task UntilAsync(Func<Task<bool>> condition, TimeSpan timeout, TimeSpan? poll = null)
    {
        ArgumentNullException.ThrowIfNull(condition);
        using var cts = new CancellationTokenSource(timeout);
        var interval = poll ?? TimeSpan.FromMilliseconds(200);
        while (true)
        {
            if (await condition().WaitAsync(cts.Token).ConfigureAwait(false))
            {
                return;
            }

            try
            {
                await Task.Delay(interval, cts.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"The condition did not become true within {timeout}.");
            }
        }
    }
}
