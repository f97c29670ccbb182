using System.Globalization;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using DriveSync.Pipeline.Orchestration;
using DriveSync.Pipeline.Ports;
using DriveSync.Pipeline.State;
using DriveSync.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace DriveSync.Host.Tests;

/// <summary>
/// The status page in headless Chromium (Debian's package, driven by Playwright) against <c>serve</c> with the
/// in-process Durable Task test host: the run's progress is what the test reports, so every assertion is exact.
/// Each state is screenshotted and then checked on the DOM the screenshot shows.
/// </summary>
[Collection("Azurite")]
public sealed class StatusPageTests(AzuriteFixture azurite)
{
    private static readonly string[] ChromiumArgs =
        ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];

    [Fact]
    public async Task Page_RunThroughItsPhases_ShowsListingStackedOutcomesRateAndGroupedProblems()
    {
        using var cts = TestTimeout.Start(TimeSpan.FromSeconds(120));
        await using var page = await PageHarness.StartAsync(azurite, cts.Token);
        var id = await page.Serve.StartRunAsync(page.Client, cts.Token);
        var section = $"section[data-run-id='{id}']";
        var now = DateTimeOffset.UtcNow;

        await page.Engine.ReportAsync(id, TestEngine.Progress(RunPhase.Listing, now, listed: 400, uploaded: 30), cts.Token);
        await page.OpenAsync("&refreshMs=1000", cts.Token);
        await page.Browser.WaitForFunctionAsync("s => document.querySelector(s + ' .progress-text')?.textContent.startsWith('listing… 400 so far')", section).WaitAsync(cts.Token);
        await page.ScreenshotAsync("listing", cts.Token);
        Assert.Equal("true", await page.Browser.GetAttributeAsync($"{section} .progress-text", "data-listing").WaitAsync(cts.Token));
        Assert.Equal("0", await page.Browser.GetAttributeAsync($"{section} .bar", "aria-valuenow").WaitAsync(cts.Token));

        await WriteProblemsAsync(page, id, terminated: 23, quarantined: 4, cts.Token);
        await page.Engine.ReportAsync(id, TestEngine.Progress(RunPhase.Processing, now, listed: 1010, listingComplete: true, uploaded: 80, skipped: 10, quarantined: 4, failed: 23, filesPerSecond: 12.5), cts.Token);
        await page.Browser.WaitForFunctionAsync("s => document.querySelector(s + ' .range')?.dataset.total === '27'", section).WaitAsync(cts.Token);
        await page.ScreenshotAsync("processing", cts.Token);
        Assert.Equal("117 of 1,010 files done", await page.Browser.TextContentAsync($"{section} .progress-text").WaitAsync(cts.Token));
        Assert.Equal("11", await page.Browser.GetAttributeAsync($"{section} .bar", "aria-valuenow").WaitAsync(cts.Token));
        foreach (var (outcome, count) in new[] { ("uploaded", 80), ("skipped", 10), ("quarantined", 4), ("failed", 23) })
        {
            Assert.Equal(count.ToString(CultureInfo.InvariantCulture), await page.Browser.GetAttributeAsync($"{section} .seg-{outcome}", "data-count").WaitAsync(cts.Token));
            var width = await page.Browser.EvalOnSelectorAsync<double>($"{section} .seg-{outcome}", "e => e.getBoundingClientRect().width / e.parentElement.getBoundingClientRect().width").WaitAsync(cts.Token);
            Assert.InRange(width, (count / 1010.0) - 0.005, (count / 1010.0) + 0.005);
        }

        Assert.Equal("12.5 files/s", await page.Browser.TextContentAsync($"{section} .files-per-second").WaitAsync(cts.Token));
        Assert.Equal("1–10 of 27", await page.Browser.TextContentAsync($"{section} .range").WaitAsync(cts.Token));
        var groups = await page.Browser.Locator($"{section} .reason-group").AllTextContentsAsync().WaitAsync(cts.Token);
        Assert.Equal(["23 × The run was terminated.", "4 × unsupported format"], groups);
        Assert.Equal(10, await page.Browser.Locator($"{section} .items li").CountAsync().WaitAsync(cts.Token));

        await page.Browser.ClickAsync($"{section} button.next").WaitAsync(cts.Token);
        await page.Browser.WaitForFunctionAsync("s => document.querySelector(s + ' .range')?.textContent === '11–20 of 27'", section).WaitAsync(cts.Token);
        await page.Browser.ClickAsync($"{section} button.next").WaitAsync(cts.Token);
        await page.Browser.WaitForFunctionAsync("s => document.querySelector(s + ' .range')?.textContent === '21–27 of 27'", section).WaitAsync(cts.Token);
        Assert.True(await page.Browser.IsDisabledAsync($"{section} button.next").WaitAsync(cts.Token));
        Assert.Empty(Canary.FoundIn(await page.Browser.ContentAsync().WaitAsync(cts.Token)));
    }

    [Fact]
    public async Task Page_StalledThenFailedRun_ShowsLastProgressStalledBadgeAndReasonWithHint()
    {
        using var cts = TestTimeout.Start(TimeSpan.FromSeconds(120));
        await using var page = await PageHarness.StartAsync(azurite, cts.Token);
        var id = await page.Serve.StartRunAsync(page.Client, cts.Token);
        var section = $"section[data-run-id='{id}']";
        // Two seconds more than five minutes: the page measures against the response's Date header, which has whole seconds.
        var fiveMinutesAgo = DateTimeOffset.UtcNow.AddMinutes(-5).AddSeconds(-2);

        await page.Engine.ReportAsync(id, TestEngine.Progress(RunPhase.Processing, fiveMinutesAgo, listed: 50, listingComplete: true, uploaded: 20, filesPerSecond: 12.5), cts.Token);
        await page.OpenAsync(string.Empty, cts.Token);
        await page.Browser.WaitForSelectorAsync($"{section}[data-stalled='true']").WaitAsync(cts.Token);
        await page.ScreenshotAsync("stalled", cts.Token);
        Assert.True(await page.Browser.IsVisibleAsync($"{section} .stalled").WaitAsync(cts.Token));
        Assert.Matches("^last progress [56] min ago$", await page.Browser.TextContentAsync($"{section} .last-progress").WaitAsync(cts.Token));
        Assert.Equal("no progress (was 12.5 files/s)", await page.Browser.TextContentAsync($"{section} .files-per-second").WaitAsync(cts.Token));

        const string reason = "Drive refused the credentials (HTTP 401) while listing the folder.";
        await page.Engine.Client.RaiseEventAsync(id, TestEngine.ProgressEvent, TestEngine.Progress(RunPhase.Failed, fiveMinutesAgo, listed: 50, listingComplete: true, uploaded: 20, failureReason: reason, failureHint: FailureHints.Drive), cts.Token);
        await page.Browser.WaitForSelectorAsync($"{section}[data-runtime-status='Failed']").WaitAsync(cts.Token);
        await page.ScreenshotAsync("failed", cts.Token);
        Assert.Equal("Why: " + reason, await page.Browser.TextContentAsync($"{section} .failure .reason").WaitAsync(cts.Token));
        Assert.Equal("What to do: " + FailureHints.Drive, await page.Browser.TextContentAsync($"{section} .failure .hint").WaitAsync(cts.Token));
        Assert.False(await page.Browser.IsVisibleAsync($"{section} .stalled").WaitAsync(cts.Token));
    }

    [Fact]
    public async Task Page_RealRunWithRefusedDriveCredentials_ShowsHttpStatusAndWhatToDo()
    {
        using var cts = TestTimeout.Start(TimeSpan.FromSeconds(150));
        await using var page = await PageHarness.StartOnEmbeddedEngineAsync(azurite, new Dictionary<string, string?> { ["DriveSync:Drive:BearerToken"] = "not-the-token" }, cts.Token);
        page.Harness.AddTextFiles(3);
        var id = await page.Serve.StartRunAsync(page.Client, cts.Token);
        await ServeInstance.WaitFinishedAsync(page.Client, id, TimeSpan.FromSeconds(120), cts.Token);

        await page.OpenAsync(string.Empty, cts.Token);
        var section = $"section[data-run-id='{id}']";
        await page.Browser.WaitForSelectorAsync($"{section}[data-runtime-status='Failed'] .failure .reason").WaitAsync(cts.Token);
        await page.ScreenshotAsync("refused", cts.Token);

        Assert.Matches(
            @"^Why: Listing the folder failed: Drive: the [a-z ]+ failed: Drive refused the credentials \(HTTP 401, authError\)\.$",
            await page.Browser.TextContentAsync($"{section} .failure .reason").WaitAsync(cts.Token));
        Assert.Equal("What to do: " + FailureHints.Drive, await page.Browser.TextContentAsync($"{section} .failure .hint").WaitAsync(cts.Token));
        Assert.Empty(Canary.FoundIn(await page.Browser.ContentAsync().WaitAsync(cts.Token)));
    }

    [Fact]
    public async Task Page_RefreshMsOutOfBounds_ClampedToFloorAndCeilingOrDefault()
    {
        using var cts = TestTimeout.Start(TimeSpan.FromSeconds(90));
        await using var page = await PageHarness.StartAsync(azurite, cts.Token);
        var cases = new (string Asked, string Used)[]
        {
            ("1", "1000"), ("999.4", "1000"), ("5000", "5000"), ("99999999999", "600000"), ("Infinity", "2000"), ("-5", "2000"), ("0", "2000"), ("abc", "2000"), (string.Empty, "2000"),
        };

        var used = new List<(string, string)>();
        foreach (var (asked, _) in cases)
        {
            await page.OpenAsync("&refreshMs=" + Uri.EscapeDataString(asked), cts.Token);
            used.Add((asked, (await page.Browser.GetAttributeAsync("body", "data-refresh-ms").WaitAsync(cts.Token))!));
        }

        Assert.Equal(cases, used);
    }

    [Fact]
    public async Task Page_TerminatedRuns_ShowOutcomeSegmentsNotAFullBarAndWhy()
    {
        using var cts = TestTimeout.Start(TimeSpan.FromSeconds(120));
        await using var page = await PageHarness.StartAsync(azurite, cts.Token);
        var now = DateTimeOffset.UtcNow;

        // The issue's run: asked to stop, it ends Completed with phase Terminated and 898 of 1,010 files failed.
        var stopped = await page.Serve.StartRunAsync(page.Client, cts.Token);
        await page.Engine.Client.RaiseEventAsync(stopped, TestEngine.ProgressEvent, TestEngine.Progress(RunPhase.Terminated, now, listed: 1010, listingComplete: true, uploaded: 100, skipped: 12, failed: 898, failureReason: "The run was asked to stop.", failureHint: FailureHints.Terminated), cts.Token);
        await page.Engine.WaitForAsync(stopped, Microsoft.DurableTask.Client.OrchestrationRuntimeStatus.Completed, cts.Token);

        // Terminated through Durable's API while processing: the rest of the files were never done.
        var killed = await page.Serve.StartRunAsync(page.Client, cts.Token);
        await page.Engine.ReportAsync(killed, TestEngine.Progress(RunPhase.Processing, now, listed: 1010, listingComplete: true, uploaded: 200, skipped: 2), cts.Token);
        using (var terminate = await page.Client.PostAsync($"runtime/webhooks/durabletask/instances/{killed}/terminate?reason=wrong+folder", null, cts.Token))
        {
            Assert.Equal(System.Net.HttpStatusCode.Accepted, terminate.StatusCode);
        }

        await page.Engine.WaitForAsync(killed, Microsoft.DurableTask.Client.OrchestrationRuntimeStatus.Terminated, cts.Token);
        await page.OpenAsync(string.Empty, cts.Token);
        await page.Browser.WaitForSelectorAsync($"section[data-run-id='{stopped}'][data-runtime-status='Terminated']").WaitAsync(cts.Token);
        await page.Browser.WaitForSelectorAsync($"section[data-run-id='{killed}'][data-runtime-status='Terminated']").WaitAsync(cts.Token);
        await page.ScreenshotAsync("terminated", cts.Token);

        foreach (var (id, expected, done, phase, why, hint) in new[]
        {
            (stopped, new[] { ("uploaded", 100), ("skipped", 12), ("quarantined", 0), ("failed", 898) }, "112 of 1,010 files processed · 898 failed", "Terminated", "The run was asked to stop.", FailureHints.Terminated),
            (killed, new[] { ("uploaded", 200), ("skipped", 2), ("quarantined", 0), ("failed", 0) }, "202 of 1,010 files processed · 808 not reached", "stopped while processing", "wrong folder", "Start a new run to process the remaining files."),
        })
        {
            var section = $"section[data-run-id='{id}']";
            Assert.Equal("Terminated", await page.Browser.TextContentAsync($"{section} .status").WaitAsync(cts.Token));
            Assert.Equal(done, await page.Browser.TextContentAsync($"{section} .progress-text").WaitAsync(cts.Token));
            Assert.Equal(phase, await page.Browser.TextContentAsync($"{section} .phase").WaitAsync(cts.Token));
            foreach (var (outcome, count) in expected)
            {
                var width = await page.Browser.EvalOnSelectorAsync<double>($"{section} .seg-{outcome}", "e => e.getBoundingClientRect().width / e.parentElement.getBoundingClientRect().width").WaitAsync(cts.Token);
                Assert.InRange(width, (count / 1010.0) - 0.005, (count / 1010.0) + 0.005);
            }

            Assert.Equal("Why: " + why, await page.Browser.TextContentAsync($"{section} .failure .reason").WaitAsync(cts.Token));
            Assert.Equal("What to do: " + hint, await page.Browser.TextContentAsync($"{section} .failure .hint").WaitAsync(cts.Token));
        }
    }

    [Fact]
    public async Task Page_Accessibility_NoAxeViolationsContrastAtLeast4Point5AndTabReachesPagerInOrder()
    {
        using var cts = TestTimeout.Start(TimeSpan.FromSeconds(120));
        await using var page = await PageHarness.StartAsync(azurite, cts.Token);
        var id = await page.Serve.StartRunAsync(page.Client, cts.Token);
        var section = $"section[data-run-id='{id}']";
        await WriteProblemsAsync(page, id, terminated: 15, quarantined: 0, cts.Token);
        await page.Engine.ReportAsync(id, TestEngine.Progress(RunPhase.Processing, DateTimeOffset.UtcNow.AddMinutes(-10), listed: 40, listingComplete: true, uploaded: 25, failed: 15), cts.Token);
        await page.OpenAsync(string.Empty, cts.Token);
        await page.Browser.WaitForSelectorAsync($"{section} .range").WaitAsync(cts.Token);

        var axe = await page.Browser.RunAxe(new AxeRunOptions { RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa"] } }).WaitAsync(cts.Token);
        Assert.True(axe.Violations.Length == 0, string.Join("; ", axe.Violations.Select(v => v.Id + ": " + v.Help)));

        var lowest = await page.Browser.EvaluateAsync<double>(LowestContrastScript).WaitAsync(cts.Token);
        Assert.True(lowest >= 4.5, $"lowest text contrast {lowest:F2}");

        Assert.Equal("next", await TabFromTopAsync(page.Browser, cts.Token));
        await page.Browser.Keyboard.PressAsync("Enter").WaitAsync(cts.Token);
        await page.Browser.WaitForFunctionAsync("s => document.querySelector(s + ' .range')?.textContent === '11–15 of 15'", section).WaitAsync(cts.Token);
        Assert.Equal("prev", await TabFromTopAsync(page.Browser, cts.Token));
        await page.Browser.Keyboard.PressAsync("Enter").WaitAsync(cts.Token);
        await page.Browser.WaitForFunctionAsync("s => document.querySelector(s + ' .range')?.textContent === '1–10 of 15'", section).WaitAsync(cts.Token);
    }

    [Fact]
    public async Task Page_WithoutKey_RefusedWithChallenge()
    {
        using var cts = TestTimeout.Start(TimeSpan.FromSeconds(60));
        await using var harness = await ServeHarness.StartAsync(azurite, cts.Token);
        var serve = await harness.StartServeAsync(cts.Token, extraSettings: ServeHarness.ApiOnly);
        using var anonymous = serve.Client(key: null);

        using var refused = await anonymous.GetAsync("/", cts.Token);
        using var served = await anonymous.GetAsync($"/?code={ServeHarness.Key}", cts.Token);

        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal("ApiKey", refused.Headers.WwwAuthenticate.Single().Scheme);
        Assert.Equal(System.Net.HttpStatusCode.OK, served.StatusCode);
        Assert.Equal("text/html", served.Content.Headers.ContentType!.MediaType);
        Assert.Contains("script-src 'sha256-", served.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.Equal("no-referrer", served.Headers.GetValues("Referrer-Policy").Single());
    }

    /// <summary>The lowest WCAG contrast ratio between any visible text and the first opaque background behind it.</summary>
    private const string LowestContrastScript = """
        () => {
          const rgb = s => (s.match(/[\d.]+/g) || []).map(Number);
          const lum = ([r, g, b]) => [r, g, b].map(v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); })
            .reduce((a, v, i) => a + v * [0.2126, 0.7152, 0.0722][i], 0);
          const background = e => { for (; e; e = e.parentElement) { const c = rgb(getComputedStyle(e).backgroundColor); if (c.length === 3 || c[3] > 0) return c.slice(0, 3); } return [255, 255, 255]; };
          let lowest = 21;
          for (const e of document.querySelectorAll('body *')) {
            if (![...e.childNodes].some(n => n.nodeType === 3 && n.textContent.trim())) continue;
            const r = e.getBoundingClientRect();
            if (r.width === 0 || r.height === 0) continue;
            const a = lum(rgb(getComputedStyle(e).color).slice(0, 3)), b = lum(background(e));
            lowest = Math.min(lowest, (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05));
          }
          return lowest;
        }
        """;

    /// <summary>Focuses the top of the page, presses Tab once and names the control that got the focus.</summary>
    private static async Task<string> TabFromTopAsync(IPage page, CancellationToken cancellationToken)
    {
        await page.EvaluateAsync("() => { document.activeElement?.blur(); window.getSelection()?.removeAllRanges(); }").WaitAsync(cancellationToken);
        await page.Keyboard.PressAsync("Tab").WaitAsync(cancellationToken);
        return await page.EvaluateAsync<string>("() => document.activeElement.className").WaitAsync(cancellationToken);
    }

    private static async Task WriteProblemsAsync(PageHarness page, string runId, int terminated, int quarantined, CancellationToken cancellationToken)
    {
        var files = Enumerable.Range(0, terminated).Select(i => Problem(i, FileOutcome.Failed, "The run was terminated."))
            .Concat(Enumerable.Range(terminated, quarantined).Select(i => Problem(i, FileOutcome.Quarantined, "unsupported format")))
            .ToList();
        var blobs = page.Serve.App.Services.GetRequiredService<IBlobStore>();
        await blobs.EnsureContainerAsync(page.Harness.StateContainer, cancellationToken);
        using var content = new MemoryStream(StateJson.Serialize(new BatchResult(0, files)));
        await blobs.WriteAsync(page.Harness.StateContainer, StatePaths.Result(runId, 0), content, BlobWriteOptions.Json(WriteCondition.None), cancellationToken);

        static FileResult Problem(int i, FileOutcome outcome, string reason) =>
            new($"file{i:D4}", $"notice {i:D4}.txt", "1", outcome, null, 10, 0, new Dictionary<string, long>(), reason);
    }

    /// <summary>Engine, <c>serve</c> and a Chromium page on the status page.</summary>
    private sealed class PageHarness : IAsyncDisposable
    {
        private readonly IPlaywright playwright;
        private readonly IBrowser chromium;
        private readonly string screenshots;

        private readonly TestEngine? engine;

        private PageHarness(TestEngine? engine, ServeHarness harness, ServeInstance serve, IPlaywright playwright, IBrowser chromium, IPage page)
        {
            this.engine = engine;
            Harness = harness;
            Serve = serve;
            Client = serve.Client();
            this.playwright = playwright;
            this.chromium = chromium;
            Browser = page;
            screenshots = Path.Combine(AppContext.BaseDirectory, "screenshots", TestContext.Current.Test?.TestDisplayName.Split('.').Last() ?? "page");
        }

        /// <summary>The in-process test host steering the run (not there when serve runs on its own engine).</summary>
        public TestEngine Engine => engine ?? throw new InvalidOperationException("This page runs on serve's own engine.");
        public ServeHarness Harness { get; }
        public ServeInstance Serve { get; }
        public HttpClient Client { get; }
        public IPage Browser { get; }

        public static async Task<PageHarness> StartAsync(AzuriteFixture azurite, CancellationToken cancellationToken)
        {
            var engine = await TestEngine.StartAsync(cancellationToken);
            var harness = await ServeHarness.StartAsync(azurite, cancellationToken);
            var serve = await harness.StartServeAsync(cancellationToken, services => services.AddSingleton(engine.Client), ServeHarness.ApiOnly);
            return await OpenBrowserAsync(engine, harness, serve, cancellationToken);
        }

        /// <summary>serve running the real pipeline on its embedded engine against the Drive emulator, with <paramref name="settings"/>.</summary>
        public static async Task<PageHarness> StartOnEmbeddedEngineAsync(AzuriteFixture azurite, IReadOnlyDictionary<string, string?> settings, CancellationToken cancellationToken)
        {
            var harness = await ServeHarness.StartAsync(azurite, cancellationToken);
            var serve = await harness.StartServeAsync(cancellationToken, extraSettings: settings);
            return await OpenBrowserAsync(null, harness, serve, cancellationToken);
        }

        private static async Task<PageHarness> OpenBrowserAsync(TestEngine? engine, ServeHarness harness, ServeInstance serve, CancellationToken cancellationToken)
        {
            var playwright = await Playwright.CreateAsync().WaitAsync(cancellationToken);
            var chromium = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = "/usr/bin/chromium", Headless = true, Args = ChromiumArgs }).WaitAsync(cancellationToken);
            var context = await chromium.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1100, Height = 900 } }).WaitAsync(cancellationToken);
            var page = await context.NewPageAsync().WaitAsync(cancellationToken);
            page.SetDefaultTimeout(30_000);
            return new PageHarness(engine, harness, serve, playwright, chromium, page);
        }

        public async Task OpenAsync(string extraQuery, CancellationToken cancellationToken) =>
            await Browser.GotoAsync(new Uri(Serve.BaseUri, $"?code={ServeHarness.Key}{extraQuery}").ToString()).WaitAsync(cancellationToken);

        public async Task ScreenshotAsync(string name, CancellationToken cancellationToken)
        {
            Directory.CreateDirectory(screenshots);
            await Browser.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(screenshots, name + ".png"), FullPage = true }).WaitAsync(cancellationToken);
        }

        public async ValueTask DisposeAsync()
        {
            await chromium.DisposeAsync();
            playwright.Dispose();
            Client.Dispose();
            await Harness.DisposeAsync();
            if (engine is not null)
            {
                await engine.DisposeAsync();
            }
        }
    }
}
