namespace DriveSync.DriveEmulator;

/// <summary>A failure the emulator can inject.</summary>
public enum EmulatorFaultKind
{
    /// <summary>429 <c>rateLimitExceeded</c> with <c>Retry-After</c>.</summary>
    TooManyRequests,

    /// <summary>403 <c>rateLimitExceeded</c>.</summary>
    RateLimitExceeded,

    /// <summary>403 <c>userRateLimitExceeded</c>.</summary>
    UserRateLimitExceeded,

    /// <summary>500 <c>backendError</c>.</summary>
    InternalServerError,

    /// <summary>503 <c>backendError</c>.</summary>
    ServiceUnavailable,

    /// <summary>The connection is aborted before any response.</summary>
    ConnectionReset,

    /// <summary>The full Content-Length is announced, half the body is sent, then the connection is closed.</summary>
    TruncatedBody,

    /// <summary>The response is held back for <see cref="EmulatorFaults.SlowResponseDelay"/>, then sent normally.</summary>
    SlowResponse,
}

/// <summary>Which requests injected faults may hit.</summary>
public enum EmulatorFaultScope
{
    /// <summary>Every API request.</summary>
    All,

    /// <summary>Only content requests (alt=media downloads and exports).</summary>
    MediaOnly,
}

/// <summary>Faults and quota of a running emulator; every property may be changed at any time.</summary>
public sealed class EmulatorFaults
{
    private readonly Lock _gate = new();
    private readonly Queue<EmulatorFaultKind> _queued = new();
    private Random _random;
    private int _seed;
    private DateTimeOffset _windowStart = DateTimeOffset.MinValue;
    private int _windowCount;

    internal EmulatorFaults(int seed)
    {
        _seed = seed;
        _random = new Random(seed);
    }

    /// <summary>Fraction (0–1) of requests that get a random fault from <see cref="Kinds"/>. Default 0.</summary>
    public double FaultRate { get; set; }

    /// <summary>The faults <see cref="FaultRate"/> picks from, uniformly. Default: every kind but <see cref="EmulatorFaultKind.SlowResponse"/>.</summary>
    public IReadOnlyList<EmulatorFaultKind> Kinds { get; set; } =
    [
        EmulatorFaultKind.TooManyRequests, EmulatorFaultKind.RateLimitExceeded, EmulatorFaultKind.UserRateLimitExceeded,
        EmulatorFaultKind.InternalServerError, EmulatorFaultKind.ServiceUnavailable, EmulatorFaultKind.ConnectionReset,
        EmulatorFaultKind.TruncatedBody,
    ];

    /// <summary>Which requests faults may hit. Default <see cref="EmulatorFaultScope.All"/>.</summary>
    public EmulatorFaultScope Scope { get; set; } = EmulatorFaultScope.All;

    /// <summary>Requests allowed per clock minute (fixed window); more get 429 <c>userRateLimitExceeded</c> with <c>Retry-After</c> until the window ends. Default: no quota.</summary>
    public int? QuotaPerMinute { get; set; }

    /// <summary>The <c>Retry-After</c> sent with injected 429s. Default 1 s.</summary>
    public TimeSpan RetryAfter { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Delay of <see cref="EmulatorFaultKind.SlowResponse"/>. Default 2 s.</summary>
    public TimeSpan SlowResponseDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>True to make exports of files created by files.copy (e.g. OCR conversions) fail with 500 <c>backendError</c>, to test cleanup after a failed export. Default false.</summary>
    public bool FailExportAfterCopy { get; set; }

    /// <summary>True to make files.delete fail with 403 <c>insufficientFilePermissions</c>. Default false.</summary>
    public bool FailDeletes { get; set; }

    /// <summary>Seed of the fault picker; setting it restarts the random sequence.</summary>
    public int Seed
    {
        get => _seed;
        set
        {
            lock (_gate)
            {
                _seed = value;
                _random = new Random(value);
            }
        }
    }

    /// <summary>Makes the next <paramref name="count"/> requests in scope fail with <paramref name="kind"/> (before any random fault).</summary>
    public void Enqueue(EmulatorFaultKind kind, int count = 1)
    {
        lock (_gate)
        {
            for (var i = 0; i < count; i++)
                _queued.Enqueue(kind);
        }
    }

    /// <summary>Removes queued faults and switches random faults, the quota and the copy/delete faults off.</summary>
    public void Clear()
    {
        lock (_gate)
        {
            _queued.Clear();
            FaultRate = 0;
            QuotaPerMinute = null;
            FailExportAfterCopy = false;
            FailDeletes = false;
        }
    }

    internal EmulatorFaultKind? Next(bool isMedia)
    {
        if (Scope == EmulatorFaultScope.MediaOnly && !isMedia)
            return null;
        lock (_gate)
        {
            if (_queued.Count > 0)
                return _queued.Dequeue();
            var kinds = Kinds;
            if (FaultRate <= 0 || kinds.Count == 0 || _random.NextDouble() >= FaultRate)
                return null;
            return kinds[_random.Next(kinds.Count)];
        }
    }

    /// <summary>Counts a request against the quota; returns the wait until the window ends when over quota.</summary>
    internal TimeSpan? TakeQuota(DateTimeOffset now)
    {
        if (QuotaPerMinute is not { } quota)
            return null;
        lock (_gate)
        {
            var window = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, now.Minute, 0, TimeSpan.Zero);
            if (window != _windowStart)
            {
                _windowStart = window;
                _windowCount = 0;
            }

            if (_windowCount >= quota)
                return window.AddMinutes(1) - now;
            _windowCount++;
            return null;
        }
    }
}
