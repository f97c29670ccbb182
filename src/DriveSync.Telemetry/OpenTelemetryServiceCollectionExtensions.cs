using Azure.Monitor.OpenTelemetry.Exporter;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Logs;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace DriveSync.Telemetry;

/// <summary>
/// Telemetry on the OpenTelemetry SDK: logs, traces and metrics to Application Insights through the Azure Monitor
/// exporter when <c>APPLICATIONINSIGHTS_CONNECTION_STRING</c> is set, and to OTLP when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>
/// is set (both at once is fine). Every logger provider, the OpenTelemetry one included, sits behind the PII scrubber.
/// </summary>
public static class OpenTelemetryServiceCollectionExtensions
{
    /// <summary>Our activity sources and meters: every one is named <c>DriveSync.*</c>.</summary>
    public const string DriveSyncInstruments = "DriveSync.*";

    /// <summary>The activity source .NET's HttpClient reports outgoing calls on (Drive and Storage dependencies).</summary>
    public const string HttpClientSource = "System.Net.Http";

    /// <summary>
    /// Registers the exporters the configuration asks for, validates <see cref="TelemetryOptions"/> at start-up and puts
    /// every <see cref="ILoggerProvider"/> registered so far behind the scrubber. Call it after the last logger provider
    /// is added. <paramref name="serviceName"/> becomes the cloud role name in Application Insights.
    /// </summary>
    public static IServiceCollection AddDriveSyncOpenTelemetry(this IServiceCollection services, IConfiguration configuration, string serviceName)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var options = TelemetryOptions.From(configuration);
        services.AddOptions<TelemetryOptions>()
            .Configure(o => (o.ApplicationInsightsConnectionString, o.OtlpEndpoint, o.OtlpProtocol) = (options.ApplicationInsightsConnectionString, options.OtlpEndpoint, options.OtlpProtocol))
            .Validate(o => !o.Validate().Any(), string.Join(" ", options.Validate()))
            .ValidateOnStart();

        var azureMonitor = !string.IsNullOrWhiteSpace(options.ApplicationInsightsConnectionString) && !options.Validate().Any();
        var otlp = Uri.TryCreate(options.OtlpEndpoint, UriKind.Absolute, out var otlpEndpoint);
        if (azureMonitor || otlp)
        {
            var telemetry = services.AddOpenTelemetry()
                .ConfigureResource(resource => resource.AddService(serviceName))
                .WithTracing(tracing => tracing.AddSource(DriveSyncInstruments, HttpClientSource).AddProcessor(new UrlScrubbingProcessor()))
                .WithMetrics(metrics => metrics.AddMeter(DriveSyncInstruments))
                .WithLogging(configureBuilder: null, configureOptions: logging =>
                {
                    logging.IncludeFormattedMessage = true;
                    logging.IncludeScopes = true;
                });
            if (azureMonitor)
            {
                telemetry.UseAzureMonitorExporter(exporter => exporter.ConnectionString = options.ApplicationInsightsConnectionString);
            }

            if (otlp)
            {
                telemetry.UseOtlpExporter(Protocol(options.OtlpProtocol), otlpEndpoint!);
            }
        }

        new ScrubbingLoggingBuilder(services).ScrubAllProviders();
        return services;
    }

    private static OtlpExportProtocol Protocol(string? protocol) =>
        string.Equals(protocol, "http/protobuf", StringComparison.OrdinalIgnoreCase) ? OtlpExportProtocol.HttpProtobuf : OtlpExportProtocol.Grpc;

    private sealed class ScrubbingLoggingBuilder(IServiceCollection services) : ILoggingBuilder
    {
        public IServiceCollection Services => services;
    }
}
