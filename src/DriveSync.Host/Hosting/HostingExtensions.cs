using DriveSync.DurableEngine;
using DriveSync.Host.Api;
using DriveSync.Host.Api.Durable;
using DriveSync.Host.Configuration;
using DriveSync.Host.StatusPage;
using DriveSync.Host.Telemetry;
using DriveSync.Host.Timer;
using DriveSync.Host.Runs;
using DriveSync.Pipeline.Storage;
using DriveSync.Pipeline.Wiring;
using DriveSync.Telemetry;
using Microsoft.Extensions.Options;

namespace DriveSync.Host.Hosting;

/// <summary>The wiring of <c>drivesync serve</c>: services in <see cref="AddDriveSyncHost"/>, routes in <see cref="MapDriveSyncApi"/>.</summary>
public static class HostingExtensions
{
    /// <summary>
    /// Registers the pipeline and the embedded Durable Task engine, the HTTP API, the timer, telemetry and scrubbed
    /// logging; binds Kestrel to the configured addresses.
    /// Every options class is validated when the host starts.
    /// </summary>
    public static WebApplicationBuilder AddDriveSyncHost(this WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        var services = builder.Services;

        services.AddValidatedOptions<ServeOptions>(configuration, ServeOptions.SectionName, o => o.Validate());
        services.AddValidatedOptions<ApiOptions>(configuration, ApiOptions.SectionName, o => o.Validate(keysRequired: true));
        services.AddValidatedOptions<TimerOptions>(configuration, TimerOptions.SectionName, o => o.Validate());
        services.AddDriveSyncTelemetry(configuration, builder.Logging);
        services.AddDriveSyncRuns(configuration, runWork: Serve(configuration).RunWorkers);
        services.ValidatePipelineOptionsOnStart();
        services.AddStorageReadiness();

        services.AddRoutingCore();
        services.ConfigureHttpJsonOptions(options => ApiJson.Configure(options.SerializerOptions));
        services.AddSingleton<ApiKeyAuthorizer>();
        services.AddSingleton<ApiKeyEndpointFilter>();
        services.AddSingleton<SyncRunsApi>();
        services.AddSingleton<PublicBaseUri>();
        services.AddSingleton<DurableInstancesApi>();
        services.AddSingleton<SharedListQueries>();
        services.Configure<HostOptions>(options => options.ShutdownTimeout = Serve(configuration).ShutdownTimeout);

        AddStandaloneBackgroundWork(services, configuration);

        builder.WebHost.UseKestrel(kestrel => kestrel.AddServerHeader = false);
        builder.WebHost.UseUrls(Serve(configuration).Urls);
        return builder;
    }

    /// <summary>
    /// Maps <c>/healthz</c> (liveness), <c>/healthz/ready</c> (storage answers), <c>/api/runs…</c>, Durable Functions'
    /// instance API and the status page; every error answers with a problem-details body.
    /// </summary>
    public static WebApplication MapDriveSyncApi(this WebApplication app)
    {
        app.UseProblemResponses();
        app.MapRunsApi();
        app.MapDurableInstances();
        app.MapStorageReadiness();
        app.MapStatusPage();
        return app;
    }

    /// <summary>
    /// Validates every options class of the host and the pipeline and returns all problems at once, each naming its
    /// setting (e.g. <c>DriveSync:Drive:FolderId</c>); empty when the configuration is valid.
    /// </summary>
    public static IReadOnlyList<string> ValidateDriveSyncOptions(this IServiceProvider services)
    {
        return
        [
            .. services.OptionsErrors<ServeOptions>(),
            .. services.OptionsErrors<ApiOptions>(),
            .. services.OptionsErrors<TimerOptions>(),
            .. services.OptionsErrors<TelemetryOptions>(),
            .. services.OptionsErrors<DurableEngineOptions>(),
            .. services.ValidatePipelineOptions(),
        ];
    }

    private static void AddStandaloneBackgroundWork(IServiceCollection services, IConfiguration configuration)
    {
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

    private static ServeOptions Serve(IConfiguration configuration) =>
        configuration.GetSection(ServeOptions.SectionName).Get<ServeOptions>() ?? new ServeOptions();
}
