using System.Diagnostics.Metrics;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;

namespace DriveSync.GoogleDrive;

/// <summary>The kind of Drive call, which picks its per-attempt timeout.</summary>
public enum DriveCallKind
{
    /// <summary>A metadata call (list, get, update, changes): <see cref="DriveOptions.PerAttemptTimeout"/>.</summary>
    Metadata,

    /// <summary>A media download or export, or a converting (OCR) copy: <see cref="DriveOptions.DownloadAttemptTimeout"/>.</summary>
    Media,
}

/// <summary>
/// The single pacer of every Drive call of the process: a token bucket (<see cref="DriveOptions.RequestsPerSecond"/>,
/// <see cref="DriveOptions.Burst"/>) that every attempt passes, inside a Polly pipeline of retry (jittered
/// exponential backoff honouring <c>Retry-After</c>) and circuit breaker, with a per-attempt timeout around the
/// request itself (not the wait for a token). Create one per
/// process and share it; Google.Apis' own backoff is switched off so this is the only retry layer.
/// </summary>
public sealed class DrivePacer : IDisposable
{
    private static readonly ResiliencePropertyKey<TimeSpan> TimeoutKey = new("DriveSync.Drive.AttemptTimeout");

    private readonly DriveOptions _options;
    private readonly TokenBucketRateLimiter _limiter;
    private readonly ResiliencePipeline _pipeline;
    private readonly ResiliencePipeline _attemptTimeout;
    private readonly ILogger _logger;
    private readonly DriveCallMetrics _metrics;
    private readonly TimeProvider _time;

    /// <summary>
    /// Creates the pacer. <paramref name="timeProvider"/> drives retry delays, timeouts and the circuit; the token bucket runs
    /// on the system clock. The calls are published as <see cref="DriveCallMetrics"/> (on <paramref name="meterFactory"/>'s meter when given).
    /// </summary>
    public DrivePacer(DriveOptions options, TimeProvider? timeProvider = null, ILogger<DrivePacer>? logger = null, IMeterFactory? meterFactory = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!(options.RequestsPerSecond > 0) || options.Burst < 1)
            throw new ArgumentException("DriveSync:Drive:RequestsPerSecond must be greater than 0 and DriveSync:Drive:Burst at least 1.", nameof(options));
        _options = options;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _limiter = new TokenBucketRateLimiter(CreateLimiterOptions(options.RequestsPerSecond, options.Burst));
        _time = timeProvider ?? TimeProvider.System;
        _pipeline = BuildPipeline(_time);
        _attemptTimeout = BuildAttemptTimeout(_time);
        _metrics = new DriveCallMetrics(Counters, meterFactory);
    }

    /// <summary>Counters of every call made through this pacer.</summary>
    public DriveCallCounters Counters { get; } = new();

    /// <summary>
    /// Runs <paramref name="attempt"/> (one HTTP request per call) with pacing, retries, circuit breaker and timeout.
    /// A retryable failure that outlasts the retries is thrown as <see cref="DriveRetriesExhaustedException"/>;
    /// other failures are thrown as they are; caller cancellation as <see cref="OperationCanceledException"/>.
    /// </summary>
    public async Task<T> ExecuteAsync<T>(string operation, DriveCallKind kind, Func<CancellationToken, Task<T>> attempt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(attempt);
        var context = ResilienceContextPool.Shared.Get(operation, cancellationToken);
        context.Properties.Set(TimeoutKey, kind == DriveCallKind.Media ? _options.DownloadAttemptTimeout : _options.PerAttemptTimeout);
        var attempts = 0;
        try
        {
            return await _pipeline.ExecuteAsync(
                async ctx =>
                {
                    if (Interlocked.Increment(ref attempts) > 1)
                        Counters.AddRetry();
                    using var lease = await _limiter.AcquireAsync(1, ctx.CancellationToken);
                    if (!lease.IsAcquired)
                        throw new InvalidOperationException("The Drive rate limiter refused a request.");
                    Counters.AddRequest();
                    var started = _time.GetTimestamp();
                    try
                    {
                        // The timeout covers the request only, not the wait for a token in the bucket.
                        return await _attemptTimeout.ExecuteAsync(async c => await attempt(c.CancellationToken), ctx);
                    }
                    catch (Exception e) when (DriveFailureClassifier.IsThrottle(e))
                    {
                        Counters.AddThrottle();
                        throw;
                    }
                    finally
                    {
                        _metrics.RecordRequest(kind, _time.GetElapsedTime(started));
                    }
                },
                context);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            Counters.AddFailure();
            _logger.LogWarning("Drive {Operation} failed after {Attempts} attempts: {Failure}", operation, attempts, e.GetType().Name);
            if (DriveFailureClassifier.Classify(e) == DriveFailureAction.Retry)
                throw new DriveRetriesExhaustedException(operation, attempts, e);
            throw;
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _limiter.Dispose();
        _metrics.Dispose();
    }

    private ResiliencePipeline BuildPipeline(TimeProvider timeProvider)
    {
        var builder = new ResiliencePipelineBuilder { TimeProvider = timeProvider };
        if (_options.MaxRetries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = _options.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = _options.RetryBaseDelay,
                MaxDelay = _options.RetryMaxDelay,
                ShouldHandle = args => ValueTask.FromResult(
                    args.Outcome.Exception is { } e
                    && !args.Context.CancellationToken.IsCancellationRequested
                    && DriveFailureClassifier.Classify(e) == DriveFailureAction.Retry),
                DelayGenerator = args => ValueTask.FromResult(
                    args.Outcome.Exception is DriveApiException { RetryAfter: { } retryAfter }
                        ? (TimeSpan?)(retryAfter < _options.RetryMaxDelay ? retryAfter : _options.RetryMaxDelay)
                        : null),
                OnRetry = args =>
                {
                    _logger.LogDebug(
                        "Drive {Operation} attempt {Attempt} failed ({Failure}); retrying in {DelayMs} ms",
                        args.Context.OperationKey, args.AttemptNumber + 1, args.Outcome.Exception?.GetType().Name, (long)args.RetryDelay.TotalMilliseconds);
                    return default;
                },
            });
        }

        builder.AddCircuitBreaker(new CircuitBreakerStrategyOptions
        {
            FailureRatio = _options.CircuitFailureRatio,
            SamplingDuration = _options.CircuitSamplingDuration,
            MinimumThroughput = _options.CircuitMinimumThroughput,
            BreakDuration = _options.CircuitBreakDuration,
            ShouldHandle = args => ValueTask.FromResult(
                args.Outcome.Exception is { } e
                && !args.Context.CancellationToken.IsCancellationRequested
                && DriveFailureClassifier.Classify(e) == DriveFailureAction.Retry
                && !DriveFailureClassifier.IsThrottle(e)
                && e is not DriveChecksumMismatchException),
            OnOpened = args =>
            {
                _logger.LogError("Drive circuit opened for {BreakSeconds} s after repeated failures", (long)args.BreakDuration.TotalSeconds);
                return default;
            },
        });

        return builder.Build();
    }

    private ResiliencePipeline BuildAttemptTimeout(TimeProvider timeProvider) =>
        new ResiliencePipelineBuilder { TimeProvider = timeProvider }
            .AddTimeout(new TimeoutStrategyOptions
            {
                TimeoutGenerator = args => ValueTask.FromResult(
                    args.Context.Properties.TryGetValue(TimeoutKey, out var timeout) ? timeout : _options.PerAttemptTimeout),
            })
            .Build();

    private static TokenBucketRateLimiterOptions CreateLimiterOptions(double requestsPerSecond, int burst)
    {
        // Refill at least every 50 ms so high rates stay smooth; below 20/s refill one token per 1/rate.
        var period = requestsPerSecond >= 20 ? TimeSpan.FromMilliseconds(50) : TimeSpan.FromSeconds(1 / requestsPerSecond);
        var tokensPerPeriod = Math.Max(1, (int)Math.Round(requestsPerSecond * period.TotalSeconds));
        return new TokenBucketRateLimiterOptions
        {
            TokenLimit = Math.Max(burst, tokensPerPeriod),
            TokensPerPeriod = tokensPerPeriod,
            ReplenishmentPeriod = period,
            QueueLimit = int.MaxValue,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
            AutoReplenishment = true,
        };
    }
}
