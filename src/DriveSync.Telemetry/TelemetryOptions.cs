namespace DriveSync.Telemetry;

/// <summary>
/// Where telemetry goes. Read from the standard variables Azure and OpenTelemetry define, not from a DriveSync section:
/// <c>APPLICATIONINSIGHTS_CONNECTION_STRING</c> turns on Application Insights, <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> turns on OTLP
/// (the exporter reads its other <c>OTEL_*</c> variables itself).
/// </summary>
public sealed class TelemetryOptions
{
    /// <summary>The Application Insights connection string variable.</summary>
    public const string ApplicationInsightsKey = "APPLICATIONINSIGHTS_CONNECTION_STRING";

    /// <summary>The OTLP endpoint variable.</summary>
    public const string OtlpEndpointKey = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary>The OTLP protocol variable (<c>grpc</c> or <c>http/protobuf</c>).</summary>
    public const string OtlpProtocolKey = "OTEL_EXPORTER_OTLP_PROTOCOL";

    /// <summary>Application Insights connection string; default none (off).</summary>
    public string? ApplicationInsightsConnectionString { get; set; }

    /// <summary>OTLP endpoint, e.g. <c>http://localhost:4317</c>; default none (off).</summary>
    public string? OtlpEndpoint { get; set; }

    /// <summary>OTLP protocol: <c>grpc</c> (default) or <c>http/protobuf</c>.</summary>
    public string? OtlpProtocol { get; set; }

    /// <summary>Reads the three variables from <paramref name="configuration"/>.</summary>
    public static TelemetryOptions From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return new TelemetryOptions
        {
            ApplicationInsightsConnectionString = configuration[ApplicationInsightsKey],
            OtlpEndpoint = configuration[OtlpEndpointKey],
            OtlpProtocol = configuration[OtlpProtocolKey],
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

        if (!string.IsNullOrWhiteSpace(OtlpEndpoint) && !Uri.TryCreate(OtlpEndpoint, UriKind.Absolute, out _))
        {
            yield return $"{OtlpEndpointKey} must be an absolute URL such as http://localhost:4317.";
        }

        if (!string.IsNullOrWhiteSpace(OtlpProtocol) && OtlpProtocol is not ("grpc" or "http/protobuf"))
        {
            yield return $"{OtlpProtocolKey} must be grpc or http/protobuf.";
        }
    }
}
