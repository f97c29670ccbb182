using DriveSync.Host.Configuration;
using DriveSync.Pipeline.Runs;
using DriveSync.Telemetry;
using Microsoft.ApplicationInsights;
using Microsoft.ApplicationInsights.Channel;
using Microsoft.ApplicationInsights.Extensibility;
using OpenTelemetry.Logs;

namespace DriveSync.Host.Telemetry;

/// <summary>Wires logging and telemetry: console logs always, Application Insights and OTLP when configured, all scrubbed.</summary>
public static class TelemetryExtensions
{
    /// <summary>
    /// Adds the console logger, Application Insights (traces, exceptions, RunStarted/RunCompleted/FileQuarantined
    /// events, metrics, Drive and Storage dependencies) when <c>APPLICATIONINSIGHTS_CONNECTION_STRING</c> is set, OTLP when
    /// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set, and puts every logger provider behind the PII scrubber.
    /// </summary>
    public static IServiceCollection AddDriveSyncTelemetry(this IServiceCollection services, IConfiguration configuration, ILoggingBuilder logging)
    {
        var telemetry = new TelemetryOptions
        {
            ApplicationInsightsConnectionString = configuration[TelemetryOptions.ApplicationInsightsKey],
            OtlpEndpoint = configuration[TelemetryOptions.OtlpEndpointKey],
            OtlpProtocol = configuration[TelemetryOptions.OtlpProtocolKey],
        };
        services.AddValidatedOptions<TelemetryOptions>(configuration, "DriveSync:Telemetry", _ => telemetry.Validate());
        logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        logging.AddFilter("Microsoft.Extensions.Hosting", LogLevel.Warning);
        logging.AddConfiguration(configuration.GetSection("Logging"));
        logging.AddSimpleConsole(options =>
        {
            options.SingleLine = true;
            options.IncludeScopes = true;
            options.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ ";
            options.UseUtcTimestamp = true;
        });

        var anyTelemetry = false;
        if (!string.IsNullOrWhiteSpace(telemetry.ApplicationInsightsConnectionString))
        {
            anyTelemetry = true;
            services.AddSingleton<ITelemetryChannel>(_ => new InMemoryChannel());
            services.AddSingleton(sp =>
            {
                var configurationForClient = new TelemetryConfiguration { TelemetryChannel = sp.GetRequiredService<ITelemetryChannel>() };
                configurationForClient.ConnectionString = telemetry.ApplicationInsightsConnectionString;
                configurationForClient.TelemetryInitializers.Add(new CloudRoleInitializer());
                return configurationForClient;
            });
            services.AddSingleton(sp => new TelemetryClient(sp.GetRequiredService<TelemetryConfiguration>()));
            services.AddSingleton<IRunEvents, ApplicationInsightsRunEvents>();
            services.AddSingleton<MetricTelemetryForwarder>();
            services.AddSingleton(sp => DependencyTargets.FromConfiguration(configuration));
            services.AddSingleton<DependencyTelemetryForwarder>();
            logging.Services.AddSingleton<ILoggerProvider, ApplicationInsightsLoggerProvider>();
        }

        if (Uri.TryCreate(telemetry.OtlpEndpoint, UriKind.Absolute, out var otlpEndpoint))
        {
            anyTelemetry = true;
            services.AddSingleton(_ => new OpenTelemetryProviders(otlpEndpoint, telemetry.OtlpProtocol));
            logging.AddOpenTelemetry(options =>
            {
                options.IncludeScopes = true;
                options.IncludeFormattedMessage = true;
                options.AddOtlpExporter(exporter => OpenTelemetryProviders.Configure(exporter, otlpEndpoint, telemetry.OtlpProtocol, "v1/logs"));
            });
        }

        if (anyTelemetry)
        {
            services.AddSingleton<DriveCallMetrics>();
        }

        logging.ScrubAllProviders();
        services.AddSingleton<TelemetryLifetime>();
        services.AddHostedService(sp => sp.GetRequiredService<TelemetryLifetime>());
        return services;
    }

    private sealed class CloudRoleInitializer : ITelemetryInitializer
    {
        public void Initialize(Microsoft.ApplicationInsights.Channel.ITelemetry telemetry)
        {
            telemetry.Context.Cloud.RoleName ??= OpenTelemetryProviders.ServiceName;
            telemetry.Context.Cloud.RoleInstance ??= Environment.MachineName;
        }
    }
}
