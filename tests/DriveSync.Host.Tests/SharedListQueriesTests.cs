using DriveSync.Host.Api.Durable;
using DriveSync.Testing;

namespace DriveSync.Host.Tests;

/// <summary>
/// Sharing of identical list queries, steered step by step: each query is a gate the test opens, so which caller gets
/// which query's answer is decided by the order of events, never by timing.
/// </summary>
public sealed class SharedListQueriesTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task RunAsync_CallersArrivingWhileAQueryRuns_ShareTheNextQueryNotTheRunningOne()
    {
        var shared = new SharedListQueries();
        var queries = new Queries();

        var first = shared.RunAsync("k", queries.Next, CancellationToken.None);
        await queries.StartedAsync(1);
        var late = Enumerable.Range(0, 50).Select(_ => shared.RunAsync("k", queries.Next, CancellationToken.None)).ToList();
        queries.Finish(0, "snapshot 1");

        Assert.Equal("snapshot 1", await first.WaitAsync(Wait, TestContext.Current.CancellationToken));
        await queries.StartedAsync(2);
        Assert.All(late, t => Assert.False(t.IsCompleted));
        queries.Finish(1, "snapshot 2");
        Assert.All(await Task.WhenAll(late).WaitAsync(Wait, TestContext.Current.CancellationToken), answer => Assert.Equal("snapshot 2", answer));
        Assert.Equal(2, queries.Count);
    }

    [Fact]
    public async Task RunAsync_DifferentKeys_NeverShare()
    {
        var shared = new SharedListQueries();
        var queries = new Queries();

        var a = shared.RunAsync("a", queries.Next, CancellationToken.None);
        var b = shared.RunAsync("b", queries.Next, CancellationToken.None);
        await queries.StartedAsync(2);
        queries.Finish(0, "one");
        queries.Finish(1, "two");

        Assert.Equal(new[] { "one", "two" }, (await Task.WhenAll(a, b).WaitAsync(Wait, TestContext.Current.CancellationToken)).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task RunAsync_QueryFails_OnlyItsSharersFailAndTheNextCallerQueriesAfresh()
    {
        var shared = new SharedListQueries();
        var queries = new Queries();

        var first = shared.RunAsync("k", queries.Next, CancellationToken.None);
        await queries.StartedAsync(1);
        var second = shared.RunAsync("k", queries.Next, CancellationToken.None);
        queries.Fail(0, new InvalidOperationException("table unavailable"));
        await Assert.ThrowsAsync<InvalidOperationException>(() => first.WaitAsync(Wait, TestContext.Current.CancellationToken));
        await queries.StartedAsync(2);
        queries.Finish(1, "recovered");

        Assert.Equal("recovered", await second.WaitAsync(Wait, TestContext.Current.CancellationToken));
        var third = shared.RunAsync("k", queries.Next, CancellationToken.None);
        await queries.StartedAsync(3);
        queries.Finish(2, "fresh");
        Assert.Equal("fresh", await third.WaitAsync(Wait, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task RunAsync_OneCallerCancels_OthersStillGetTheSharedAnswer()
    {
        var shared = new SharedListQueries();
        var queries = new Queries();
        using var leaving = new CancellationTokenSource();

        var first = shared.RunAsync("k", queries.Next, CancellationToken.None);
        await queries.StartedAsync(1);
        var staying = shared.RunAsync("k", queries.Next, CancellationToken.None);
        var gone = shared.RunAsync("k", queries.Next, leaving.Token);
        await leaving.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => gone.WaitAsync(Wait, TestContext.Current.CancellationToken));
        queries.Finish(0, "first");
        await queries.StartedAsync(2);
        queries.Finish(1, "second");

        Assert.Equal("first", await first.WaitAsync(Wait, TestContext.Current.CancellationToken));
        Assert.Equal("second", await staying.WaitAsync(Wait, TestContext.Current.CancellationToken));
    }

    /// <summary>Queries that start when called and end when the test says; counts how many ran.</summary>
    private sealed class Queries
    {
        private readonly Lock gate = new();
        private readonly List<TaskCompletionSource<string>> started = [];

        public int Count
        {
            get
            {
                lock (gate)
                {
                    return started.Count;
                }
            }
        }

        public Task<string> Next()
        {
            var query = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
            lock (gate)
            {
                started.Add(query);
            }

            return query.Task;
        }

        public Task StartedAsync(int count) => TestWait.UntilAsync(() => Task.FromResult(Count >= count), Wait, TimeSpan.FromMilliseconds(5));

        public void Finish(int index, string answer)
        {
            lock (gate)
            {
                started[index].SetResult(answer);
            }
        }

        public void Fail(int index, Exception failure)
        {
            lock (gate)
            {
                started[index].SetException(failure);
            }
        }
    }
}
