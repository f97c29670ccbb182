using System.Collections.Concurrent;
using System.IO.Compression;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace DriveSync.Host.Tests;

/// <summary>
/// A stand-in Application Insights ingestion (and Live Metrics) endpoint on a free port: keeps every body the Azure
/// Monitor exporter posts (the wire, decompressed) and parses the telemetry envelopes, one JSON object per line.
/// </summary>
public sealed class AzureMonitorReceiver : IAsyncDisposable
{
    private LoopbackServer? server;

    /// <summary>Every body received, as text (track calls and Live Metrics posts alike).</summary>
    public ConcurrentQueue<string> Bodies { get; } = new();

    /// <summary>The connection string that points the exporter at this receiver.</summary>
    public string ConnectionString { get; private set; } = string.Empty;

    /// <summary>The telemetry envelopes of the track calls received so far.</summary>
    public IReadOnlyList<Envelope> Envelopes => Bodies
        .SelectMany(body => body.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        .Where(line => line.StartsWith('{'))
        .Select(line => JsonDocument.Parse(line).RootElement)
        .Where(root => root.TryGetProperty("data", out _) && root.TryGetProperty("name", out _))
        .Select(root => new Envelope(root))
        .ToList();

    /// <summary>All that was posted, as one text (for canary scans).</summary>
    public string Wire => string.Join("\n", Bodies);

    public static async Task<AzureMonitorReceiver> StartAsync(CancellationToken cancellationToken)
    {
        var receiver = new AzureMonitorReceiver();
        receiver.server = await LoopbackServer.StartAsync(app => app.Run(receiver.ReceiveAsync), cancellationToken);
        var address = receiver.server.Address;
        receiver.ConnectionString = $"InstrumentationKey=11111111-2222-3333-4444-555555555555;IngestionEndpoint={address}/;LiveEndpoint={address}/";
        return receiver;
    }

    public async ValueTask DisposeAsync()
    {
        if (server is not null)
            await server.DisposeAsync();
    }

    private async Task ReceiveAsync(HttpContext context)
    {
        using var body = new MemoryStream();
        var source = context.Request.Headers.ContentEncoding.ToString().Contains("gzip", StringComparison.OrdinalIgnoreCase)
            ? new GZipStream(context.Request.Body, CompressionMode.Decompress)
            : context.Request.Body;
        await source.CopyToAsync(body);
        var text = Encoding.UTF8.GetString(body.ToArray());
        Bodies.Enqueue(text);
        var items = text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length;
        context.Response.Headers["x-ms-qps-subscribed"] = "false";
        await context.Response.WriteAsJsonAsync(new { itemsReceived = items, itemsAccepted = items, errors = Array.Empty<object>() });
    }
}

/// <summary>One Application Insights envelope: its base type (the table it lands in), base data and tags.</summary>
public sealed class Envelope(JsonElement root)
{
    /// <summary>MessageData (traces), RemoteDependencyData (dependencies), EventData (customEvents), MetricData (customMetrics), ExceptionData (exceptions), RequestData (requests).</summary>
    public string BaseType => root.GetProperty("data").GetProperty("baseType").GetString()!;

    public JsonElement Data => root.GetProperty("data").GetProperty("baseData");

    /// <summary>The trace id: <c>operation_Id</c> in every table.</summary>
    public string? OperationId => Tag("ai.operation.id");

    /// <summary>The parent span id: <c>operation_ParentId</c>.</summary>
    public string? ParentId => Tag("ai.operation.parentId");

    /// <summary>The cloud role name: <c>cloud_RoleName</c>.</summary>
    public string? RoleName => Tag("ai.cloud.role");

    public string? Name => Data.TryGetProperty("name", out var name) ? name.GetString() : null;

    /// <summary>A custom dimension (<c>customDimensions</c>), or null.</summary>
    public string? Property(string key) =>
        Data.TryGetProperty("properties", out var properties) && properties.TryGetProperty(key, out var value) ? value.GetString() : null;

    public string? Field(string key) =>
        Data.TryGetProperty(key, out var value) ? value.ValueKind == JsonValueKind.String ? value.GetString() : value.GetRawText() : null;

    public string? Tag(string key) =>
        root.TryGetProperty("tags", out var tags) && tags.TryGetProperty(key, out var value) ? value.GetString() : null;

    /// <summary>A MetricData's first metric: name and value (<c>customMetrics</c>' <c>name</c> and <c>value</c>/<c>valueSum</c>).</summary>
    public (string Name, double Value) Metric
    {
        get
        {
            var metric = Data.GetProperty("metrics")[0];
            return (metric.GetProperty("name").GetString()!, metric.GetProperty("value").GetDouble());
        }
    }

    public override string ToString() => root.GetRawText();
}
