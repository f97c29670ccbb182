using Azure.Monitor.OpenTelemetry.Exporter;
using Microsoft.Extensions.Options;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Logs;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace DriveSync.Telemetry;

/// <summary>
/// Telemetry on the OpenTelemetry SDK, the same in every host: logs, traces and metrics to Application Insights through
/// the Azure Monitor exporter when <c>APPLICATIONINSIGHTS_CONNECTION_STRING</c> is set, and to OTLP when
/// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set (both at once is fine). Traces: our <c>DriveSync.*</c> activity sources (a run,
/// its pages, batches and files) and the HTTP calls made inside them (Drive and Storage dependencies, URLs without query
/// strings); metrics: our <c>DriveSync.*</c> meters (pipeline counters, Drive calls); every logger provider, the
/// OpenTelemetry one included, sits behind the PII scrubber.
/// </summary>
public static class OpenTelemetryServiceCollectionExtensions
{
    /// <summary>Our activity sources and meters: every one is named <c>DriveSync.*</c>.</summary>
    public const string DriveSyncInstruments = "DriveSync.*";

    /// <summary>The activity source .NET's HttpClient reports outgoing calls on (Drive and Storage dependencies).</summary>
    public const string HttpClientSource = "System.Net.Http";

    /// <summary>
    /// Registers the exporters the configuration asks for, validates <see cref="TelemetryOptions"/> at start-up (each
    /// message names its setting) and puts every <see cref="ILoggerProvider"/> registered so far behind the scrubber.
    /// Call it after the last logger provider is added. <paramref name="serviceName"/> becomes the cloud role name in
    /// Application Insights and <c>service.name</c> in OTLP. <paramref name="configureHost"/> adds what the hosting platform
    /// contributes when telemetry is exported (the Functions worker's resource and invocation context).
    /// </summary>
    public static IServiceCollection AddDriveSyncOpenTelemetry(this IServiceCollection services, IConfiguration configuration, string serviceName,
        Action<IOpenTelemetryBuilder>? configureHost = null)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var options = TelemetryOptions.From(configuration);
        services.AddOptions<TelemetryOptions>()
            .Configure(o =>
            {
                o.ApplicationInsightsConnectionString = options.ApplicationInsightsConnectionString;
                o.OtlpEndpoint = options.OtlpEndpoint;
                o.OtlpProtocol = options.OtlpProtocol;
                o.SamplingRatio = options.SamplingRatio;
            })
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<TelemetryOptions>, TelemetryOptionsValidator>();

        var valid = !options.Validate().Any();
        var azureMonitor = valid && !string.IsNullOrWhiteSpace(options.ApplicationInsightsConnectionString);
        var otlp = valid && options.OtlpUri is not null;
        if (azureMonitor || otlp)
        {
            var dependencyTypes = DependencyTypes.FromConfiguration(configuration);
            var telemetry = services.AddOpenTelemetry()
                .ConfigureResource(resource => resource.AddService(serviceName))
                .WithTracing(tracing =>
                {
                    tracing.AddSource(DriveSyncInstruments, HttpClientSource)
                        .AddProcessor(new UrlScrubbingProcessor())
                        .AddProcessor(new DependencyProcessor(dependencyTypes));
                    if (!azureMonitor)
                    {
                        tracing.SetSampler(new ParentBasedSampler(new TraceIdRatioBasedSampler(options.Ratio)));
                    }
                })
                .WithMetrics(metrics => metrics.AddMeter(DriveSyncInstruments))
                .WithLogging(configureBuilder: null, configureOptions: logging =>
                {
                    logging.IncludeFormattedMessage = true;
                    logging.IncludeScopes = true;
                });
            if (azureMonitor)
            {
                // Fixed-percentage sampling on the trace id: a run's spans are kept or dropped together (not the
                // exporter's default of 5 traces per second, which would cut runs apart). Logs are never sampled.
                telemetry.UseAzureMonitorExporter(exporter =>
                {
                    exporter.ConnectionString = options.ApplicationInsightsConnectionString;
                    exporter.SamplingRatio = (float)options.Ratio;
                    exporter.TracesPerSecond = null;
                    exporter.EnableTraceBasedLogsSampler = false;
                });
            }

            if (otlp)
            {
                telemetry.UseOtlpExporter(Protocol(options.OtlpProtocol), options.OtlpUri!);
            }

            configureHost?.Invoke(telemetry);
        }

        new ScrubbingLoggingBuilder(services).ScrubAllProviders();
        return services;
    }

    private static OtlpExportProtocol Protocol(string? protocol) =>
        string.Equals(protocol, "http/protobuf", StringComparison.OrdinalIgnoreCase) ? OtlpExportProtocol.HttpProtobuf : OtlpExportProtocol.Grpc;

    private sealed class TelemetryOptionsValidator : IValidateOptions<TelemetryOptions>
    {
        public ValidateOptionsResult Validate(string? name, TelemetryOptions options)
        {
            var failures = options.Validate().ToList();
            return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
        }
    }

    private sealed class ScrubbingLoggingBuilder(IServiceCollection services) : ILoggingBuilder
    {
        public IServiceCollection Services => services;
    }
}
