using Microsoft.ApplicationInsights;

namespace DriveSync.Host.Telemetry;

/// <summary>
/// Starts the telemetry listeners with the host, collects observable counters every <see cref="CollectInterval"/>,
/// and flushes Application Insights when the host stops.
/// </summary>
public sealed class TelemetryLifetime(IServiceProvider services, TimeProvider time) : BackgroundService
{
    /// <summary>How often observable counters (Drive calls, retries, throttles) are read.</summary>
    public static readonly TimeSpan CollectInterval = TimeSpan.FromSeconds(30);

    private MetricTelemetryForwarder? metrics;
    private TelemetryClient? client;

    /// <summary>Collects and flushes now (tests and shutdown).</summary>
    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        metrics?.Collect();
        if (client is not null)
        {
            await client.FlushAsync(cancellationToken);
        }
    }

    /// <inheritdoc />
    public override Task StartAsync(CancellationToken cancellationToken)
    {
        client = services.GetService<TelemetryClient>();
        metrics = services.GetService<MetricTelemetryForwarder>();
        services.GetService<DependencyTelemetryForwarder>();
        services.GetService<OpenTelemetryProviders>();
        services.GetService<DriveCallMetrics>();

        return base.StartAsync(cancellationToken);
    }

    /// <inheritdoc />
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        await FlushAsync(cancellationToken);
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (metrics is null)
        {
            return;
        }

        using var timer = new PeriodicTimer(CollectInterval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            metrics.Collect();
        }
    }
}
