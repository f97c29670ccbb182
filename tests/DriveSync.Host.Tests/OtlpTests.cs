using System.Text;
using DriveSync.Telemetry;
using DriveSync.Testing;

namespace DriveSync.Host.Tests;

/// <summary>OTLP export of traces, metrics and logs to a stand-in collector, for a real run with planted PII.</summary>
[Collection("Azurite")]
public sealed class OtlpTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Otlp_EndpointConfigured_ExportsTracesMetricsAndLogsWithoutPii()
    {
        using var cts = TestTimeout.Start(TimeSpan.FromSeconds(90));
        await using var receiver = await OtlpReceiver.StartAsync(cts.Token);
        await using var harness = await ServeHarness.StartAsync(azurite, cts.Token);
        harness.AddTextFiles(5);
        var serve = await harness.StartServeAsync(cts.Token, extraSettings: new Dictionary<string, string?>
        {
            [TelemetryOptions.OtlpEndpointKey] = receiver.Endpoint.ToString(),
            [TelemetryOptions.OtlpProtocolKey] = "http/protobuf",
        });
        using var client = serve.Client();
        var id = await serve.StartRunAsync(client, cts.Token);
        await ServeInstance.WaitFinishedAsync(client, id, TimeSpan.FromSeconds(60), cts.Token);

        await serve.DisposeAsync();

        var exports = receiver.Exports.ToList();
        Assert.Contains(exports, e => e.Path == "/v1/traces");
        Assert.Contains(exports, e => e.Path == "/v1/metrics" && Encoding.UTF8.GetString(e.Body).Contains("drivesync.files", StringComparison.Ordinal));
        Assert.Contains(exports, e => e.Path == "/v1/logs" && Encoding.UTF8.GetString(e.Body).Contains(id, StringComparison.Ordinal));
        Assert.All(exports, e => Assert.Empty(Canary.FoundIn(Encoding.UTF8.GetString(e.Body))));
    }
}
