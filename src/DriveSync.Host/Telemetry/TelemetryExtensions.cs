using DriveSync.Telemetry;

namespace DriveSync.Host.Telemetry;

/// <summary>Wires logging and telemetry of <c>serve</c>: console logs always, OpenTelemetry as every host wires it, all scrubbed.</summary>
public static class TelemetryExtensions
{
    /// <summary>The cloud role name <c>serve</c> reports to Application Insights and OTLP.</summary>
    public const string ServiceName = "drivesync";

    /// <summary>
    /// Adds the console logger, then the shared OpenTelemetry wiring (<see cref="OpenTelemetryServiceCollectionExtensions.AddDriveSyncOpenTelemetry"/>:
    /// Application Insights when <c>APPLICATIONINSIGHTS_CONNECTION_STRING</c> is set, OTLP when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>
    /// is set), which puts every logger provider behind the PII scrubber.
    /// </summary>
    public static IServiceCollection AddDriveSyncTelemetry(this IServiceCollection services, IConfiguration configuration, ILoggingBuilder logging)
    {
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
        return services.AddDriveSyncOpenTelemetry(configuration, ServiceName);
    }
}
