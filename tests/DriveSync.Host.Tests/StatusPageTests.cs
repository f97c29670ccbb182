using System.Net.Http.Json;
using System.Text.Json;
using DriveSync.Testing;
using Microsoft.Playwright;

namespace DriveSync.Host.Tests;

/// <summary>The status page in headless Chromium (Debian's package, driven by Playwright) against a real run.</summary>
[Collection("Azurite")]
public sealed class StatusPageTests(AzuriteFixture azurite)
{
    private static readonly string[] ChromiumArgs =
        ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];

    [Fact]
    public async Task Page_RunningThenFinishedRun_ShowsProgressMovingAndFinalCounts()
    {
        using var cts = TestTimeout.Start(TimeSpan.FromSeconds(120));
        await using var harness = await ServeHarness.StartAsync(azurite, cts.Token);
        harness.AddTextFiles(60);
        harness.Drive.Store.AddFile(harness.Drive.Store.RootFolderId, Canary.FileName + ".png", Canary.Image, "image/png");
        harness.PaceDrive(requestsPerSecond: 8);
        var serve = await harness.StartServeAsync(cts.Token);
        using var client = serve.Client();
        using var playwright = await Playwright.CreateAsync().WaitAsync(cts.Token);
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = "/usr/bin/chromium", Headless = true, Args = ChromiumArgs })
            .WaitAsync(cts.Token);
        var page = await browser.NewPageAsync().WaitAsync(cts.Token);
        page.SetDefaultTimeout(60_000);

        var id = await serve.StartRunAsync(client, cts.Token);
        await page.GotoAsync(new Uri(serve.BaseUri, $"?code={ServeHarness.Key}&refreshMs=250").ToString()).WaitAsync(cts.Token);
        var section = $"section[data-run-id='{id}']";
        await page.WaitForSelectorAsync($"{section}[data-runtime-status='Running']").WaitAsync(cts.Token);
        var first = await ProgressAsync(page, section);
        await page.WaitForFunctionAsync(
            "([selector, seen]) => { const bar = document.querySelector(selector + ' .bar'); return bar && Number(bar.getAttribute('aria-valuenow')) > seen; }",
            new object[] { section, first }).WaitAsync(cts.Token);
        var later = await ProgressAsync(page, section);
        Assert.True(later > first, $"progress stayed at {first}");
        await page.WaitForFunctionAsync(
            "selector => document.querySelector(selector + ' svg.spark polyline')?.getAttribute('points')?.includes(' ')",
            section).WaitAsync(cts.Token);
        Assert.EndsWith("files/s", await page.TextContentAsync($"{section} .files-per-second").WaitAsync(cts.Token), StringComparison.Ordinal);

        await page.WaitForSelectorAsync($"{section}[data-runtime-status='Completed']").WaitAsync(cts.Token);
        var run = await client.GetFromJsonAsync<JsonElement>($"api/runs/{id}", cts.Token);
        var custom = run.GetProperty("customStatus");
        foreach (var name in new[] { "listed", "done", "uploaded", "skipped", "quarantined", "failed" })
        {
            var shown = await page.TextContentAsync($"{section} b[data-count='{name}']").WaitAsync(cts.Token);
            Assert.Equal(custom.GetProperty(name).GetInt64().ToString("N0", System.Globalization.CultureInfo.InvariantCulture), shown);
        }

        Assert.Equal("61", await page.TextContentAsync($"{section} b[data-count='listed']").WaitAsync(cts.Token));
        Assert.Equal("100", await page.GetAttributeAsync($"{section} .bar", "aria-valuenow").WaitAsync(cts.Token));
        var problem = await page.WaitForSelectorAsync($"{section} .problems li.quarantined").WaitAsync(cts.Token);
        var problemText = await problem!.TextContentAsync().WaitAsync(cts.Token);
        Assert.StartsWith("quarantined: ", problemText, StringComparison.Ordinal);
        Assert.Empty(Canary.FoundIn(await page.ContentAsync().WaitAsync(cts.Token)));
    }

    [Fact]
    public async Task Page_WithoutKey_Refused()
    {
        using var cts = TestTimeout.Start(TimeSpan.FromSeconds(60));
        await using var harness = await ServeHarness.StartAsync(azurite, cts.Token);
        var serve = await harness.StartServeAsync(cts.Token);
        using var anonymous = serve.Client(key: null);

        using var refused = await anonymous.GetAsync("/", cts.Token);
        using var served = await anonymous.GetAsync($"/?code={ServeHarness.Key}", cts.Token);

        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.OK, served.StatusCode);
        Assert.Equal("text/html", served.Content.Headers.ContentType!.MediaType);
        Assert.Contains("script-src 'sha256-", served.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.Equal("no-referrer", served.Headers.GetValues("Referrer-Policy").Single());
    }

    private static async Task<int> ProgressAsync(IPage page, string section) =>
        int.Parse(await page.GetAttributeAsync($"{section} .bar", "aria-valuenow") ?? "0", System.Globalization.CultureInfo.InvariantCulture);
}
