namespace DriveSync.GoogleDrive;

/// <summary>Process-wide counters of Drive calls, safe to read while calls run.</summary>
public sealed class DriveCallCounters
{
    private long _requests;
    private long _retries;
    private long _throttles;
    private long _failures;
    private long _bytesDownloaded;

    /// <summary>HTTP requests sent to the Drive API (every attempt counts; token-endpoint calls do not).</summary>
    public long Requests => Interlocked.Read(ref _requests);

    /// <summary>Attempts that were retries of an earlier failed attempt.</summary>
    public long Retries => Interlocked.Read(ref _retries);

    /// <summary>Answers that asked us to slow down (429, rate-limit 403).</summary>
    public long Throttles => Interlocked.Read(ref _throttles);

    /// <summary>Calls that failed for good (after any retries).</summary>
    public long Failures => Interlocked.Read(ref _failures);

    /// <summary>Content bytes received by downloads and exports.</summary>
    public long BytesDownloaded => Interlocked.Read(ref _bytesDownloaded);

    internal void AddRequest() => Interlocked.Increment(ref _requests);

    internal void AddRetry() => Interlocked.Increment(ref _retries);

    internal void AddThrottle() => Interlocked.Increment(ref _throttles);

    internal void AddFailure() => Interlocked.Increment(ref _failures);

    internal void AddBytes(long bytes) => Interlocked.Add(ref _bytesDownloaded, bytes);
}
