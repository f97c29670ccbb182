using DurableTask.AzureStorage;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Converters;
using Microsoft.DurableTask.Worker;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace DriveSync.DurableEngine;

/// <summary>Wiring of the embedded Durable Task engine.</summary>
public static class DurableEngineServiceCollectionExtensions
{
    /// <summary>The name of the SDK worker (and its registry and options) that the embedded engine builds.</summary>
    public const string EngineName = "DriveSync.DurableEngine";

    /// <summary>
    /// Registers the embedded engine: the orchestrators and activities that <paramref name="register"/> adds run on DTFx's
    /// <c>TaskHubWorker</c> (an <see cref="Microsoft.Extensions.Hosting.IHostedService"/>) over the Azure Storage backend,
    /// and <see cref="DurableTaskClient"/> is a singleton <see cref="EmbeddedDurableTaskClient"/> on the same task hub
    /// (see <see cref="AddEmbeddedDurableTaskClient"/>). Every process registering this on one storage account and task
    /// hub shares the work.
    /// </summary>
    public static IServiceCollection AddEmbeddedDurableEngine(
        this IServiceCollection services, IConfiguration configuration, Action<DurableTaskRegistry> register)
    {
        ArgumentNullException.ThrowIfNull(register);
        services.AddEmbeddedDurableTaskClient(configuration);
        services.AddDurableTaskWorker(EngineName, builder =>
        {
            builder.AddTasks(register);
            builder.UseBuildTarget<EmbeddedEngineWorker>();
        });
        return services;
    }

    /// <summary>
    /// Registers only the client side: <see cref="DurableTaskClient"/> as a singleton <see cref="EmbeddedDurableTaskClient"/>
    /// on the task hub, for a process that manages runs but runs no work itself. Settings come from
    /// <c>DriveSync:Durable</c> (<see cref="DurableEngineOptions"/>), validated at start-up. The storage account is the
    /// <see cref="StorageAccountClientProvider"/> in DI (a host registers it with the pipeline's <c>AddDriveSyncStorage</c>,
    /// so the engine and the pipeline share one account and one set of client options).
    /// Payloads serialize with the SDK <see cref="DataConverter"/> in DI (default <see cref="JsonDataConverter.Default"/>),
    /// which the worker uses too.
    /// </summary>
    public static IServiceCollection AddEmbeddedDurableTaskClient(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        if (services.Any(d => d.ServiceType == typeof(EmbeddedDurableTaskClient)))
        {
            return services;
        }

        services.AddOptions<DurableEngineOptions>().Bind(configuration.GetSection(DurableEngineOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<DurableEngineOptions>, DurableEngineOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<DataConverter>(JsonDataConverter.Default);
        services.AddSingleton(sp => new EngineDataConverter(sp.GetRequiredService<DataConverter>()));
        services.AddSingleton(sp => OrchestrationServiceFactory.Create(
            sp.GetRequiredService<IOptions<DurableEngineOptions>>().Value,
            sp.GetService<StorageAccountClientProvider>() ?? throw new InvalidOperationException(
                "The durable engine needs the storage account: register a StorageAccountClientProvider (AddDriveSyncStorage) before starting it."),
            LoggerFactory(sp)));
        services.AddSingleton(sp => new EmbeddedDurableTaskClient(
            sp.GetRequiredService<AzureStorageOrchestrationService>(),
            sp.GetRequiredService<EngineDataConverter>(),
            sp.GetRequiredService<TimeProvider>(),
            LoggerFactory(sp)));
        services.AddSingleton<DurableTaskClient>(sp => sp.GetRequiredService<EmbeddedDurableTaskClient>());
        return services;
    }

    private static ILoggerFactory LoggerFactory(IServiceProvider services) =>
        services.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance;
}
