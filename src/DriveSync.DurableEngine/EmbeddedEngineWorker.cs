using DurableTask.AzureStorage;
using DurableTask.Core;
using Microsoft.DurableTask.Worker;
using Microsoft.DurableTask.Worker.Hosting;
using Microsoft.DurableTask.Worker.Shims;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace DriveSync.DurableEngine;

/// <summary>
/// The SDK worker (built by <c>AddDurableTaskWorker</c> from the registry) that runs DTFx's <see cref="TaskHubWorker"/>
/// for the life of the host: it creates the task hub if missing, then dispatches orchestrations and activities from the
/// shared task hub alongside every other process using it. Start-up fails (and with it the host) when storage is unusable.
/// </summary>
internal sealed partial class EmbeddedEngineWorker : DurableTaskWorker
{
    private readonly AzureStorageOrchestrationService _service;
    private readonly ShimOrchestrationManager _orchestrations;
    private readonly ShimActivityManager _activities;
    private readonly ILoggerFactory _loggerFactory;
    private readonly ILogger<EmbeddedEngineWorker> _logger;
    private readonly TimeProvider _clock;
    private TaskHubWorker? _worker;
    private ActivityAbandonGuard? _guard;

    public EmbeddedEngineWorker(
        string name,
        IDurableTaskFactory factory,
        IOptionsMonitor<DurableTaskWorkerOptions> workerOptions,
        AzureStorageOrchestrationService service,
        IServiceProvider services,
        ILoggerFactory? loggerFactory = null)
        : base(name, factory)
    {
        loggerFactory ??= NullLoggerFactory.Instance;
        ArgumentNullException.ThrowIfNull(workerOptions);
        ArgumentNullException.ThrowIfNull(services);
        var shims = new DurableTaskShimFactory(workerOptions.Get(name), loggerFactory);
        _service = service;
        _orchestrations = new ShimOrchestrationManager(factory, shims, services);
        _activities = new ShimActivityManager(factory, shims, services.GetRequiredService<IServiceScopeFactory>());
        _loggerFactory = loggerFactory;
        _clock = services.GetRequiredService<TimeProvider>();
        _logger = loggerFactory.CreateLogger<EmbeddedEngineWorker>();
    }

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await _service.CreateIfNotExistsAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
        var guard = new ActivityAbandonGuard(_service, _clock, _loggerFactory.CreateLogger<ActivityAbandonGuard>());
        var worker = new TaskHubWorker(guard, _orchestrations, _activities, _loggerFactory)
        {
            // The SDK shims report failures as FailureDetails, not as serialized exceptions.
            ErrorPropagationMode = ErrorPropagationMode.UseFailureDetails,
        };
        await worker.StartAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
        _worker = worker;
        _guard = guard;
        Started(_logger, Name);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_worker is not { } worker)
        {
            return;
        }

        _worker = null;
        _guard?.Stop();
        try
        {
            await worker.StopAsync(isForced: false).WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // The host's shutdown deadline passed: abandon in-flight work items; another process picks them up after
            // their visibility timeouts.
            await worker.StopAsync(isForced: true).ConfigureAwait(false);
        }

        worker.Dispose();
        _guard?.Dispose();
        _guard = null;
        Stopped(_logger, Name);
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) => Task.CompletedTask;

    [LoggerMessage(1, LogLevel.Information, "Durable engine {Worker} started")]
    private static partial void Started(ILogger logger, string worker);

    [LoggerMessage(2, LogLevel.Information, "Durable engine {Worker} stopped")]
    private static partial void Stopped(ILogger logger, string worker);
}
