using System.Diagnostics.Metrics;
using DriveSync.GoogleDrive;
using DriveSync.Pipeline.Adapters;
using DriveSync.Pipeline.Ledger;
using DriveSync.Pipeline.Orchestration;
using DriveSync.Pipeline.Ports;
using DriveSync.Pipeline.Runs;
using DriveSync.Pipeline.Storage;
using DriveSync.Pipeline.Work;
using DriveSync.Sanitization;
using DriveSync.Sanitization.Documents;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DriveSync.Pipeline.Wiring;

/// <summary>How a host wires the pipeline.</summary>
public static class PipelineServiceCollectionExtensions
{
    /// <summary>
    /// Registers what the SyncFolder orchestration's activities are built from (see <see cref="PipelineTasks"/>: hosts
    /// register the tasks with their Durable Task worker), <see cref="SyncRunStarter"/>, <see cref="RunProblemsReader"/>
    /// and the dependencies they use, with options bound from <c>DriveSync:Pipeline</c>, <c>DriveSync:Storage</c>,
    /// <c>DriveSync:Drive</c> and <c>DriveSync:Sanitizer</c> and validated when first resolved
    /// (<see cref="OptionsValidationException"/> naming each bad setting). Registrations use TryAdd: a host
    /// may register its own <see cref="IRunEvents"/>, <see cref="TimeProvider"/> or port implementation first.
    /// </summary>
    public static IServiceCollection AddDriveSyncPipeline(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        AddValidatedOptions<PipelineOptions>(services, configuration.GetSection(PipelineOptions.SectionName), o => o.Validate());
        AddValidatedOptions<DriveOptions>(services, configuration.GetSection(DriveOptions.SectionName), o => o.Validate());
        AddValidatedOptions<SanitizerOptions>(services, configuration.GetSection(SanitizerOptions.SectionName), o => o.Validate());

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IRunEvents, RunEventLog>();
        services.TryAddSingleton(sp => sp.GetRequiredService<IOptions<PipelineOptions>>().Value);
        services.AddDriveSyncStorage(configuration);
        services.TryAddSingleton(sp => new DrivePacer(
            sp.GetRequiredService<IOptions<DriveOptions>>().Value, sp.GetRequiredService<TimeProvider>(), sp.GetService<ILogger<DrivePacer>>(),
            sp.GetService<IMeterFactory>()));
        services.TryAddSingleton(sp => new DriveClient(
            sp.GetRequiredService<IOptions<DriveOptions>>().Value, sp.GetRequiredService<DrivePacer>(), sp.GetService<ILogger<DriveClient>>(),
            sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton(sp => new DriveOcrConverter(
            sp.GetRequiredService<DriveClient>(), sp.GetRequiredService<IOptions<DriveOptions>>().Value, sp.GetService<ILogger<DriveOcrConverter>>(),
            sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton(sp => new DocumentSanitizer(sp.GetRequiredService<IOptions<SanitizerOptions>>().Value));

        services.TryAddSingleton<IBlobStore>(sp => new AzureBlobStore(sp.GetRequiredService<StorageAccountClients>()));
        services.TryAddSingleton<IDriveSource>(sp => new GoogleDriveSource(
            sp.GetRequiredService<DriveClient>(), sp.GetRequiredService<DriveOcrConverter>(), sp.GetRequiredService<IOptions<DriveOptions>>().Value));
        services.TryAddSingleton<IFileSanitizer>(sp => new DocumentSanitizerAdapter(
            sp.GetRequiredService<DocumentSanitizer>(), sp.GetRequiredService<IOptions<SanitizerOptions>>().Value));

        services.TryAddSingleton<PipelineMetrics>();
        services.TryAddSingleton<LedgerStore>();
        services.TryAddSingleton<ChangeStateStore>();
        services.TryAddSingleton<ChangeScanner>();
        services.TryAddSingleton<StorageBootstrap>();
        services.TryAddSingleton<PageLister>();
        services.TryAddSingleton<RunFinalizer>();
        services.TryAddSingleton<FileProcessor>();
        services.TryAddSingleton<OutputRemover>();
        services.TryAddSingleton<GoneOutputs>();
        services.TryAddSingleton<BatchProcessor>();
        services.TryAddSingleton<SyncRunStarter>();
        services.TryAddSingleton<RunProblemsReader>();
        services.TryAddTransient<ListPageActivity>();
        services.TryAddTransient<ProcessBatchActivity>();
        services.TryAddTransient<FinalizeRunActivity>();
        return services;
    }

    /// <summary>
    /// Every configuration error of the pipeline's four option sections (each message names its setting);
    /// empty when all are valid. Call at start-up to report them all at once.
    /// </summary>
    public static IReadOnlyList<string> ValidatePipelineOptions(this IServiceProvider services)
    {
        return
        [
            .. services.OptionsErrors<PipelineOptions>(),
            .. services.OptionsErrors<StorageOptions>(),
            .. services.OptionsErrors<DriveOptions>(),
            .. services.OptionsErrors<SanitizerOptions>(),
        ];
    }

    /// <summary>The validation failures of the options class <typeparamref name="T"/> (each naming its setting); empty when valid.</summary>
    public static IReadOnlyList<string> OptionsErrors<T>(this IServiceProvider services)
        where T : class
    {
        try
        {
            _ = services.GetRequiredService<IOptions<T>>().Value;
            return [];
        }
        catch (OptionsValidationException exception)
        {
            return [.. exception.Failures];
        }
    }

    private static void AddValidatedOptions<T>(IServiceCollection services, IConfigurationSection section, Func<T, IReadOnlyList<string>> validate)
        where T : class
    {
        services.AddOptions<T>().Bind(section);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<T>>(new ListValidator<T>(validate)));
    }

    private sealed class ListValidator<T>(Func<T, IReadOnlyList<string>> validate) : IValidateOptions<T>
        where T : class
    {
        public ValidateOptionsResult Validate(string? name, T options)
        {
            var errors = validate(options);
            return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
        }
    }
}
