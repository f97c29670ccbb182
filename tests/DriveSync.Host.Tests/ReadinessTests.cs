using System.Net;
using System.Text.Json;
using DriveSync.Testing;

namespace DriveSync.Host.Tests;

/// <summary><c>/healthz</c> is liveness only; <c>/healthz/ready</c> answers 503 while storage cannot be reached.</summary>
public sealed class ReadinessTests
{
    [Fact]
    public async Task HealthzReady_StorageUpThenDown_Answers200Then503WhileHealthzStays200()
    {
        using var cts = TestTimeout.Start(TimeSpan.FromSeconds(90));
        await using var azurite = await AzuriteFixture.StartAsync(persistToDisk: false);
        await using var harness = await ServeHarness.StartAsync(azurite, cts.Token);
        var serve = await harness.StartServeAsync(cts.Token, extraSettings: new Dictionary<string, string?> { ["DriveSync:Serve:RunWorkers"] = "false" });
        using var client = serve.Client(key: null);

        using var up = await client.GetAsync(new Uri("healthz/ready", UriKind.Relative), cts.Token);
        var upBody = JsonDocument.Parse(await up.Content.ReadAsStringAsync(cts.Token)).RootElement;
        await azurite.StopAsync();
        using var down = await client.GetAsync(new Uri("healthz/ready", UriKind.Relative), cts.Token);
        var downBody = JsonDocument.Parse(await down.Content.ReadAsStringAsync(cts.Token)).RootElement;
        using var live = await client.GetAsync(new Uri("healthz", UriKind.Relative), cts.Token);

        Assert.Equal(HttpStatusCode.OK, up.StatusCode);
        Assert.Equal("Healthy", upBody.GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.ServiceUnavailable, down.StatusCode);
        Assert.Equal("Unhealthy", downBody.GetProperty("status").GetString());
        Assert.Equal("Unreachable", downBody.GetProperty("checks").GetProperty("storage").GetProperty("problem").GetString());
        Assert.DoesNotContain("127.0.0.1", downBody.GetRawText(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
    }
}
