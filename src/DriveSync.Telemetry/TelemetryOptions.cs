using System.Globalization;

namespace DriveSync.Telemetry;

/// <summary>
/// Where telemetry goes and how much of it. The destinations are read from the standard variables Azure and OpenTelemetry
/// define: <c>APPLICATIONINSIGHTS_CONNECTION_STRING</c> turns on Application Insights, <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>
/// turns on OTLP (the exporter reads its other <c>OTEL_*</c> variables itself). The share of runs traced is
/// <c>DriveSync:Telemetry:SamplingRatio</c>.
/// </summary>
public sealed class TelemetryOptions
{
    /// <summary>The Application Insights connection string variable.</summary>
    public const string ApplicationInsightsKey = "APPLICATIONINSIGHTS_CONNECTION_STRING";

    /// <summary>The OTLP endpoint variable.</summary>
    public const string OtlpEndpointKey = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary>The OTLP protocol variable (<c>grpc</c> or <c>http/protobuf</c>).</summary>
    public const string OtlpProtocolKey = "OTEL_EXPORTER_OTLP_PROTOCOL";

    /// <summary>The sampling ratio setting (env <c>DriveSync__Telemetry__SamplingRatio</c>).</summary>
    public const string SamplingRatioKey = "DriveSync:Telemetry:SamplingRatio";

    /// <summary>Application Insights connection string; default none (off).</summary>
    public string? ApplicationInsightsConnectionString { get; set; }

    /// <summary>OTLP endpoint, e.g. <c>http://localhost:4317</c>; default none (off).</summary>
    public string? OtlpEndpoint { get; set; }

    /// <summary>OTLP protocol: <c>grpc</c> (default) or <c>http/protobuf</c>.</summary>
    public string? OtlpProtocol { get; set; }

    /// <summary>
    /// The share of traces kept, 0 to 1, decided once per trace (a run is kept or dropped whole); default 1 (every run).
    /// Logs and metrics are not sampled. Held as text so that a malformed value is reported, not thrown.
    /// </summary>
    public string? SamplingRatio { get; set; }

    /// <summary>The sampling ratio as a number (1 when unset; check <see cref="Validate"/> first).</summary>
    public double Ratio =>
        double.TryParse(SamplingRatio, NumberStyles.Float, CultureInfo.InvariantCulture, out var ratio) ? ratio : 1;

    /// <summary>The OTLP endpoint as an http(s) URL, or null when it is unset or not one.</summary>
    public Uri? OtlpUri =>
        Uri.TryCreate(OtlpEndpoint, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" ? uri : null;

    /// <summary>Reads the settings from <paramref name="configuration"/>.</summary>
    public static TelemetryOptions From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return new TelemetryOptions
        {
            ApplicationInsightsConnectionString = configuration[ApplicationInsightsKey],
            OtlpEndpoint = configuration[OtlpEndpointKey],
            OtlpProtocol = configuration[OtlpProtocolKey],
            SamplingRatio = configuration[SamplingRatioKey],
        };
    }

    /// <summary>The messages naming each invalid setting; empty when the options are valid.</summary>
    public IEnumerable<string> Validate()
    {
        if (!string.IsNullOrWhiteSpace(ApplicationInsightsConnectionString)
            && !ApplicationInsightsConnectionString.Contains("InstrumentationKey=", StringComparison.OrdinalIgnoreCase))
        {
            yield return $"{ApplicationInsightsKey} must be an Application Insights connection string (InstrumentationKey=…;IngestionEndpoint=…).";
        }

        if (!string.IsNullOrWhiteSpace(OtlpEndpoint) && OtlpUri is null)
        {
            yield return $"{OtlpEndpointKey} must be an http or https URL such as http://localhost:4317.";
        }

        if (!string.IsNullOrWhiteSpace(OtlpProtocol) && OtlpProtocol is not ("grpc" or "http/protobuf"))
        {
            yield return $"{OtlpProtocolKey} must be grpc or http/protobuf.";
        }

        if (!string.IsNullOrWhiteSpace(SamplingRatio)
            && (!double.TryParse(SamplingRatio, NumberStyles.Float, CultureInfo.InvariantCulture, out var ratio) || ratio is < 0 or > 1 || double.IsNaN(ratio)))
        {
            yield return $"{SamplingRatioKey} must be a number from 0 to 1 (the share of runs traced), e.g. 0.25.";
        }
    }
}
