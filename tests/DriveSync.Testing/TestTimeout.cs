using Xunit;

namespace DriveSync.Testing;

/// <summary>A per-test deadline: a token cancelled when the test is cancelled or when the timeout passes.</summary>
public static class TestTimeout
{
    /// <summary>
    /// Starts a deadline of <paramref name="timeout"/> (default 30 s) linked to the current test's cancellation.
    /// Dispose it; pass its token to every awaited call.
    /// </summary>
    public static CancellationTokenSource Start(TimeSpan? timeout = null)
    {
        var cts = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        cts.CancelAfter(timeout ?? TimeSpan.FromSeconds(30));
        return cts;
    }
}
