using DriveSync.GoogleDrive;
using DriveSync.Host.Api;
using DriveSync.Host.Configuration;
using DriveSync.Host.Functions;
using DriveSync.Host.StatusPage;
using DriveSync.Host.Telemetry;
using DriveSync.Host.Timer;
using DriveSync.Pipeline;
using DriveSync.Pipeline.Storage;
using DriveSync.Pipeline.Wiring;
using DriveSync.Sanitization;
using Microsoft.Extensions.Options;

namespace DriveSync.Host.Hosting;

/// <summary>The wiring of <c>drivesync serve</c>: services in <see cref="AddDriveSyncHost"/>, routes in <see cref="MapDriveSyncApi"/>.</summary>
public static class HostingExtensions
{
    /// <summary>
    /// Registers the pipeline, the HTTP API, the timer and the queue workers (standalone), or the Functions invocation
    /// endpoints (custom-handler mode), telemetry and scrubbed logging; binds Kestrel to the configured addresses.
    /// Every options class is validated when the host starts.
    /// </summary>
    public static WebApplicationBuilder AddDriveSyncHost(this WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        var services = builder.Services;
        var customHandler = IsCustomHandler(configuration);

        services.AddValidatedOptions<ServeOptions>(configuration, ServeOptions.SectionName, o => o.Validate(configuration[ServeOptions.CustomHandlerPortKey]));
        services.AddValidatedOptions<ApiOptions>(configuration, ApiOptions.SectionName, o => o.Validate(keysRequired: !customHandler));
        services.AddValidatedOptions<TimerOptions>(configuration, TimerOptions.SectionName, o => o.Validate());
        services.AddDriveSyncTelemetry(configuration, builder.Logging);
        services.AddDriveSyncPipeline(configuration);
        ValidatePipelineOptionsOnStart(services);
        services.AddStorageReadiness();

        services.AddRoutingCore();
        services.ConfigureHttpJsonOptions(options => ApiJson.Configure(options.SerializerOptions));
        services.AddSingleton<ApiKeyAuthorizer>();
        services.AddSingleton<ApiKeyEndpointFilter>();
        services.AddSingleton<RunsApi>();
        services.Configure<HostOptions>(options => options.ShutdownTimeout = Serve(configuration).ShutdownTimeout);

        if (!customHandler)
        {
            AddStandaloneBackgroundWork(services, configuration);
        }

        builder.WebHost.UseKestrel(kestrel => kestrel.AddServerHeader = false);
        builder.WebHost.UseUrls(customHandler ? $"http://127.0.0.1:{configuration[ServeOptions.CustomHandlerPortKey]}" : Serve(configuration).Urls);
        return builder;
    }

    /// <summary>Maps <c>/healthz</c> (liveness), <c>/healthz/ready</c> (storage answers), <c>/api/runs…</c>, the status page and, in custom-handler mode, the Functions invocation endpoints.</summary>
    public static WebApplication MapDriveSyncApi(this WebApplication app)
    {
        app.MapRunsApi();
        app.MapStorageReadiness();
        app.MapStatusPage();
        if (IsCustomHandler(app.Configuration))
        {
            app.MapFunctionInvocations();
        }

        return app;
    }

    /// <summary>
    /// Validates every options class of the host and the pipeline and returns all problems at once, each naming its
    /// setting (e.g. <c>DriveSync:Drive:FolderId</c>); empty when the configuration is valid.
    /// </summary>
    public static IReadOnlyList<string> ValidateDriveSyncOptions(this IServiceProvider services)
    {
        var errors = new List<string>();
        Check<ServeOptions>(services, errors);
        Check<ApiOptions>(services, errors);
        Check<TimerOptions>(services, errors);
        Check<TelemetryOptions>(services, errors);
        Check<PipelineOptions>(services, errors);
        Check<StorageOptions>(services, errors);
        Check<DriveOptions>(services, errors);
        Check<SanitizerOptions>(services, errors);
        return errors;
    }

    /// <summary>Whether the Azure Functions host started this process as its custom handler (it sets <c>FUNCTIONS_CUSTOMHANDLER_PORT</c>).</summary>
    public static bool IsCustomHandler(IConfiguration configuration) =>
        !string.IsNullOrEmpty(configuration[ServeOptions.CustomHandlerPortKey]);

    private static void AddStandaloneBackgroundWork(IServiceCollection services, IConfiguration configuration)
    {
        if (Serve(configuration).RunWorkers)
        {
            services.AddHostedService<QueueWorkerService>();
        }

        var timer = configuration.GetSection(TimerOptions.SectionName).Get<TimerOptions>() ?? new TimerOptions();
        if (timer.Enabled)
        {
            services.AddKeyedSingleton(ScheduledRunTimer.ClockKey, (sp, _) => sp.GetRequiredService<TimeProvider>());
            services.AddSingleton(sp => new TimerStateStore(
                sp.GetRequiredService<StorageAccountClients>().Blobs.GetBlobContainerClient(sp.GetRequiredService<IOptions<TimerOptions>>().Value.Container)));
            services.AddSingleton<ScheduledRunTimer>();
            services.AddHostedService(sp => sp.GetRequiredService<ScheduledRunTimer>());
        }
    }

    private static void ValidatePipelineOptionsOnStart(IServiceCollection services)
    {
        services.AddOptions<PipelineOptions>().ValidateOnStart();
        services.AddOptions<StorageOptions>().ValidateOnStart();
        services.AddOptions<DriveOptions>().ValidateOnStart();
        services.AddOptions<SanitizerOptions>().ValidateOnStart();
    }

    private static void Check<TOptions>(IServiceProvider services, List<string> errors)
        where TOptions : class
    {
        try
        {
            _ = services.GetRequiredService<IOptions<TOptions>>().Value;
        }
        catch (OptionsValidationException exception)
        {
            errors.AddRange(exception.Failures);
        }
    }

    private static ServeOptions Serve(IConfiguration configuration) =>
        configuration.GetSection(ServeOptions.SectionName).Get<ServeOptions>() ?? new ServeOptions();
}
