using System.Net;
using DriveSync.Testing;

namespace DriveSync.Host.Tests.Cli;

[Collection("Azurite")]
public sealed class ServeCliTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Serve_SigtermWithAnOpenConnection_ExitsZeroWithinSeconds()
    {
        await using var cli = CliProcess.Start(
            "serve", "--urls", "http://127.0.0.1:0", "--no-timer", "--no-workers",
            $"--DriveSync:Api:Keys:0={ServeHarness.Key}",
            "--DriveSync:Drive:FolderId=root",
            "--DriveSync:Drive:BaseUri=http://127.0.0.1:9/",
            "--DriveSync:Drive:BearerToken=unused",
            "--DriveSync:Storage:ConnectionString=" + azurite.ConnectionString);
        var address = new Uri(await cli.WaitForLineAsync("Now listening on:", TimeSpan.FromSeconds(30)));
        using var client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(10) };
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));

        using var response = await client.GetAsync(new Uri("runtime/webhooks/durabletask/instances", UriKind.Relative), cts.Token);
        await cli.TerminateAsync(TimeSpan.FromSeconds(5));
        var exitCode = await cli.WaitForExitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(0, exitCode);
    }
}
