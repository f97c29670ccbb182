using DriveSync.Pipeline.Runs;
using DriveSync.Telemetry;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace DriveSync.Host.Telemetry;

/// <summary>
/// The OTLP exporters of traces (HttpClient calls to Drive and Storage) and metrics (pipeline and Drive meters),
/// built when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set. The exporter reads the standard <c>OTEL_*</c> variables.
/// Logs go to OTLP through the logging provider, behind the scrubber.
/// </summary>
public sealed class OpenTelemetryProviders : IDisposable
{
    /// <summary>The service name reported to OTLP.</summary>
    public const string ServiceName = "drivesync";

    private readonly TracerProvider tracer;
    private readonly MeterProvider meters;

    /// <summary>Builds both providers, exporting to <paramref name="endpoint"/> over <paramref name="protocol"/> (<c>grpc</c>, the default, or <c>http/protobuf</c>).</summary>
    public OpenTelemetryProviders(Uri endpoint, string? protocol)
    {
        var resource = ResourceBuilder.CreateDefault().AddService(ServiceName);
        tracer = Sdk.CreateTracerProviderBuilder()
            .SetResourceBuilder(resource)
            .AddSource(DependencyTelemetryForwarder.HttpClientSource)
            .AddProcessor(new UrlScrubbingProcessor())
            .AddOtlpExporter(options => Configure(options, endpoint, protocol, "v1/traces"))
            .Build();
        meters = Sdk.CreateMeterProviderBuilder()
            .SetResourceBuilder(resource)
            .AddMeter(PipelineMetrics.MeterName, DriveCallMetrics.MeterName)
            .AddOtlpExporter(options => Configure(options, endpoint, protocol, "v1/metrics"))
            .Build();
    }

    /// <summary>
    /// Points an exporter at the endpoint. With <c>http/protobuf</c> a programmatic endpoint is used as-is, so the
    /// signal's path (<c>v1/traces</c>, <c>v1/metrics</c>, <c>v1/logs</c>) is appended here as the variable form would.
    /// </summary>
    public static void Configure(OtlpExporterOptions options, Uri endpoint, string? protocol, string signalPath)
    {
        if (string.Equals(protocol, "http/protobuf", StringComparison.OrdinalIgnoreCase))
        {
            options.Protocol = OtlpExportProtocol.HttpProtobuf;
            options.Endpoint = new Uri(endpoint.ToString().TrimEnd('/') + "/" + signalPath);
        }
        else
        {
            options.Protocol = OtlpExportProtocol.Grpc;
            options.Endpoint = endpoint;
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        tracer.Dispose();
        meters.Dispose();
    }
}
