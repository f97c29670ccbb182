using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using DriveSync.Pipeline.Orchestration;
using DriveSync.Pipeline.Ports;
using DriveSync.Pipeline.State;
using DriveSync.Testing;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;

namespace DriveSync.Host.Tests;

/// <summary>
/// Our run routes (start, problems) and request hygiene over real sockets: <c>serve</c> on Azurite with the in-process
/// Durable Task test host's client, whose <c>SyncFolder</c> stand-in reports the progress the test sends it.
/// </summary>
[Collection("Azurite")]
public sealed class RunsApiTests(AzuriteFixture azurite)
{
    private const string Instances = "runtime/webhooks/durabletask/instances";

    [Fact]
    public async Task Start_NewThenAgain_Answers202WithDurableUrlsThen409WithTheRunInProgress()
    {
        using var cts = TestTimeout.Start(TimeSpan.FromSeconds(120));
        await using var engine = await TestEngine.StartAsync(cts.Token);
        await using var harness = await ServeHarness.StartAsync(azurite, cts.Token);
        var serve = await harness.StartServeAsync(cts.Token, services => services.AddSingleton(engine.Client), ServeHarness.ApiOnly);
        using var client = serve.Client();

        using var start = await client.PostAsync("api/runs", JsonContent.Create(new { limit = 100 }), cts.Token);
        Assert.Equal(HttpStatusCode.Accepted, start.StatusCode);
        var started = await start.Content.ReadFromJsonAsync<JsonElement>(cts.Token);
        Assert.Equal(["id", "statusQueryGetUri", "sendEventPostUri", "terminatePostUri", "purgeHistoryDeleteUri"], started.EnumerateObject().Select(p => p.Name));
        var id = started.GetProperty("id").GetString()!;
        var status = new Uri(serve.BaseUri, $"{Instances}/{id}").ToString();
        Assert.Equal(status, started.GetProperty("statusQueryGetUri").GetString());
        Assert.Equal(status + "/raiseEvent/{eventName}", started.GetProperty("sendEventPostUri").GetString());
        Assert.Equal(status + "/terminate?reason={text}", started.GetProperty("terminatePostUri").GetString());
        Assert.Equal(status, started.GetProperty("purgeHistoryDeleteUri").GetString());
        Assert.Equal(status, start.Headers.Location!.ToString());

        await engine.WaitForAsync(id, OrchestrationRuntimeStatus.Running, cts.Token);
        using var again = await client.PostAsync("api/runs", null, cts.Token);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal("application/problem+json", again.Content.Headers.ContentType!.MediaType);
        var conflict = await again.Content.ReadFromJsonAsync<JsonElement>(cts.Token);
        Assert.Equal(id, conflict.GetProperty("id").GetString());
        Assert.Equal(status, conflict.GetProperty("statusQueryGetUri").GetString());
        Assert.Equal(status, again.Headers.Location!.ToString());

        using var running = await client.GetAsync(started.GetProperty("statusQueryGetUri").GetString(), cts.Token);
        Assert.Equal(HttpStatusCode.Accepted, running.StatusCode);
        var run = await running.Content.ReadFromJsonAsync<JsonElement>(cts.Token);
        Assert.Equal(PipelineTasks.SyncFolder, run.GetProperty("name").GetString());
        Assert.Equal(RunPhase.Listing, run.GetProperty("customStatus").GetProperty("Phase").GetString());

        using var terminate = await client.PostAsync(started.GetProperty("terminatePostUri").GetString()!.Replace("{text}", "test", StringComparison.Ordinal), null, cts.Token);
        Assert.Equal(HttpStatusCode.Accepted, terminate.StatusCode);
        await engine.WaitForAsync(id, OrchestrationRuntimeStatus.Terminated, cts.Token);
        using var terminateAgain = await client.PostAsync($"{Instances}/{id}/terminate", null, cts.Token);
        Assert.Equal(HttpStatusCode.Gone, terminateAgain.StatusCode);
    }

    [Fact]
    public async Task Start_BadBodies_AnswerTheirStatusWithProblemDetailsWithoutStartingARun()
    {
        using var cts = TestTimeout.Start(TimeSpan.FromSeconds(120));
        await using var engine = await TestEngine.StartAsync(cts.Token);
        await using var harness = await ServeHarness.StartAsync(azurite, cts.Token);
        var serve = await harness.StartServeAsync(cts.Token, services => services.AddSingleton(engine.Client), ServeHarness.ApiOnly);
        using var client = serve.Client();
        var big = "{\"limit\":1,\"pad\":\"" + new string('x', 1024 * 1024) + "\"}";

        var cases = new (string Body, string ContentType, bool Chunked, HttpStatusCode Expected)[]
        {
            ("{\"limit\":\"5\"}", "application/json", false, HttpStatusCode.BadRequest),
            ("{\"dryRun\":\"true\"}", "application/json", false, HttpStatusCode.BadRequest),
            ("{\"limit\":5}", "text/plain", false, HttpStatusCode.UnsupportedMediaType),
            ("{\"limit\":5}", "application/x-www-form-urlencoded", false, HttpStatusCode.UnsupportedMediaType),
            ("{\"limitt\":5}", "application/json", false, HttpStatusCode.BadRequest),
            ("{\"limit\":0}", "application/json", false, HttpStatusCode.BadRequest),
            ("{\"limit\":1.5}", "application/json", false, HttpStatusCode.BadRequest),
            ("{\"reprocess\":\"changed\"}", "application/json", false, HttpStatusCode.BadRequest),
            ("{\"reprocess\":true}", "application/json", false, HttpStatusCode.BadRequest),
            ("{not json", "application/json", false, HttpStatusCode.BadRequest),
            (big, "application/json", false, HttpStatusCode.RequestEntityTooLarge),
            (big, "application/json", true, HttpStatusCode.RequestEntityTooLarge),
        };
        foreach (var (body, contentType, chunked, expected) in cases)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "api/runs")
            {
                Content = chunked ? new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(body))) : new StringContent(body, Encoding.UTF8),
            };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
            request.Headers.TransferEncodingChunked = chunked;
            using var response = await client.SendAsync(request, cts.Token);
            var label = $"{body[..Math.Min(body.Length, 30)]} as {contentType}{(chunked ? " chunked" : string.Empty)}";
            Assert.True(expected == response.StatusCode, $"{label}: expected {expected}, got {response.StatusCode}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.Equal((int)expected, (await response.Content.ReadFromJsonAsync<JsonElement>(cts.Token)).GetProperty("status").GetInt32());
        }

        var instances = await client.GetFromJsonAsync<JsonElement>(Instances, cts.Token);
        Assert.Empty(instances.EnumerateArray());
    }

    [Fact]
    public async Task Start_ForeignHostHeader_NeverAppearsInUrls()
    {
        using var cts = TestTimeout.Start(TimeSpan.FromSeconds(120));
        await using var engine = await TestEngine.StartAsync(cts.Token);
        await using var harness = await ServeHarness.StartAsync(azurite, cts.Token);
        var plain = await harness.StartServeAsync(cts.Token, services => services.AddSingleton(engine.Client), ServeHarness.ApiOnly);
        var configured = await harness.StartServeAsync(cts.Token, services => services.AddSingleton(engine.Client), With(ServeHarness.ApiOnly, "DriveSync:Serve:PublicBaseUrl", "https://drivesync.example.org/sync/"));
        var proxied = await harness.StartServeAsync(cts.Token, services => services.AddSingleton(engine.Client), With(ServeHarness.ApiOnly, "DriveSync:Serve:TrustedProxies:0", "127.0.0.1"));

        var fromPlain = await StatusUriAsync(plain, forwarded: true, cts.Token);
        var fromConfigured = await StatusUriAsync(configured, forwarded: true, cts.Token);
        var fromProxy = await StatusUriAsync(proxied, forwarded: true, cts.Token);
        var fromProxyWithoutHeaders = await StatusUriAsync(proxied, forwarded: false, cts.Token);

        Assert.StartsWith(new Uri(plain.BaseUri, Instances).ToString(), fromPlain, StringComparison.Ordinal);
        Assert.StartsWith("https://drivesync.example.org/sync/" + Instances + "/", fromConfigured, StringComparison.Ordinal);
        Assert.StartsWith("https://front.example.net/prefix/" + Instances + "/", fromProxy, StringComparison.Ordinal);
        Assert.StartsWith(new Uri(proxied.BaseUri, Instances).ToString(), fromProxyWithoutHeaders, StringComparison.Ordinal);
        Assert.DoesNotContain(new[] { fromPlain, fromConfigured, fromProxy, fromProxyWithoutHeaders }, u => u.Contains("evil", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Problems_ManyFiles_PagedWithTotalAndGroupedByReason()
    {
        using var cts = TestTimeout.Start(TimeSpan.FromSeconds(120));
        await using var engine = await TestEngine.StartAsync(cts.Token);
        await using var harness = await ServeHarness.StartAsync(azurite, cts.Token);
        var serve = await harness.StartServeAsync(cts.Token, services => services.AddSingleton(engine.Client), ServeHarness.ApiOnly);
        using var client = serve.Client();
        var id = await serve.StartRunAsync(client, cts.Token);
        await WriteResultsAsync(serve, harness.StateContainer, id, failed: 60, quarantined: 30, uploaded: 30, cts.Token);

        var first = await client.GetFromJsonAsync<JsonElement>($"api/runs/{id}/problems", cts.Token);
        var second = await client.GetFromJsonAsync<JsonElement>($"api/runs/{id}/problems?skip=50&top=50", cts.Token);

        Assert.Equal(90, first.GetProperty("total").GetInt64());
        Assert.Equal(50, first.GetProperty("items").GetArrayLength());
        Assert.Equal(40, second.GetProperty("items").GetArrayLength());
        var all = first.GetProperty("items").EnumerateArray().Concat(second.GetProperty("items").EnumerateArray()).Select(i => i.GetProperty("fileId").GetString()).ToList();
        Assert.Equal(90, all.Distinct().Count());
        var groups = first.GetProperty("byReason").EnumerateArray().Select(g => (g.GetProperty("reason").GetString(), g.GetProperty("count").GetInt64())).ToList();
        Assert.Equal([("The run was terminated.", 60L), ("unsupported format", 30L)], groups);
        Assert.Equal("failed", first.GetProperty("items")[0].GetProperty("outcome").GetString());

        foreach (var (path, expected) in new[]
        {
            ($"api/runs/{id}/problems?skip=-1", HttpStatusCode.BadRequest),
            ($"api/runs/{id}/problems?skip=abc", HttpStatusCode.BadRequest),
            ($"api/runs/{id}/problems?top=0", HttpStatusCode.BadRequest),
            ($"api/runs/{id}/problems?top=100000", HttpStatusCode.BadRequest),
            ("api/runs/20260101T000000Z-deadbeef/problems", HttpStatusCode.NotFound),
        })
        {
            using var response = await client.GetAsync(path, cts.Token);
            Assert.True(expected == response.StatusCode, $"{path}: expected {expected}, got {response.StatusCode}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }
    }

    [Fact]
    public async Task Errors_UnauthorizedUnknownRouteWrongMethodAndServerError_AnswerProblemDetails()
    {
        using var cts = TestTimeout.Start(TimeSpan.FromSeconds(120));
        var engine = await TestEngine.StartAsync(cts.Token);
        await using var harness = await ServeHarness.StartAsync(azurite, cts.Token);
        var serve = await harness.StartServeAsync(cts.Token, services => services.AddSingleton(engine.Client), ServeHarness.ApiOnly);
        using var client = serve.Client();
        using var anonymous = serve.Client(key: null);

        var cases = new (HttpClient Client, HttpMethod Method, string Path, HttpStatusCode Expected)[]
        {
            (anonymous, HttpMethod.Post, "api/runs", HttpStatusCode.Unauthorized),
            (anonymous, HttpMethod.Get, $"{Instances}?code=wrong-key-0123456789abcdef", HttpStatusCode.Unauthorized),
            (anonymous, HttpMethod.Get, "?code=nope", HttpStatusCode.Unauthorized),
            (client, HttpMethod.Get, "api/nothing-here", HttpStatusCode.NotFound),
            (client, HttpMethod.Put, "api/runs", HttpStatusCode.MethodNotAllowed),
            (client, HttpMethod.Delete, $"{Instances}/x/terminate", HttpStatusCode.MethodNotAllowed),
        };
        foreach (var (caller, method, path, expected) in cases)
        {
            using var response = await caller.SendAsync(new HttpRequestMessage(method, path), cts.Token);
            await AssertProblemAsync(response, expected, $"{method} {path}", cts.Token);
            if (expected == HttpStatusCode.Unauthorized)
            {
                Assert.Equal("ApiKey", response.Headers.WwwAuthenticate.Single().Scheme);
            }
        }

        using var byQuery = await anonymous.GetAsync($"{Instances}?code={ServeHarness.Key}", cts.Token);
        Assert.Equal(HttpStatusCode.OK, byQuery.StatusCode);

        await engine.DisposeAsync();
        using var engineGone = await client.GetAsync($"{Instances}/any", cts.Token);
        await AssertProblemAsync(engineGone, HttpStatusCode.InternalServerError, "engine stopped", cts.Token);
    }

    private static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode expected, string label, CancellationToken cancellationToken)
    {
        Assert.True(expected == response.StatusCode, $"{label}: expected {expected}, got {response.StatusCode}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
        Assert.Equal((int)expected, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("title").GetString()));
        Assert.StartsWith("https://www.rfc-editor.org/rfc/rfc9110#section-15.", problem.GetProperty("type").GetString(), StringComparison.Ordinal);
    }

    private static async Task<string> StatusUriAsync(ServeInstance serve, bool forwarded, CancellationToken cancellationToken)
    {
        using var client = serve.Client();
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/runs");
        request.Headers.Host = "evil.example:666";
        if (forwarded)
        {
            request.Headers.Add("X-Forwarded-Proto", "https");
            request.Headers.Add("X-Forwarded-Host", "front.example.net");
            request.Headers.Add("X-Forwarded-Prefix", "/prefix");
        }

        using var response = await client.SendAsync(request, cancellationToken);
        Assert.True(response.StatusCode is HttpStatusCode.Accepted or HttpStatusCode.Conflict, response.StatusCode.ToString());
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
        var uri = body.GetProperty("statusQueryGetUri").GetString()!;
        Assert.Equal(uri, response.Headers.Location!.ToString());
        return uri;
    }

    private static Dictionary<string, string?> With(IReadOnlyDictionary<string, string?> settings, string key, string value) =>
        new(settings) { [key] = value };

    private static async Task WriteResultsAsync(ServeInstance serve, string stateContainer, string runId, int failed, int quarantined, int uploaded, CancellationToken cancellationToken)
    {
        var files = Enumerable.Range(0, failed).Select(i => File(i, FileOutcome.Failed, "The run was terminated."))
            .Concat(Enumerable.Range(failed, quarantined).Select(i => File(i, FileOutcome.Quarantined, "unsupported format")))
            .Concat(Enumerable.Range(failed + quarantined, uploaded).Select(i => File(i, FileOutcome.Uploaded, null)))
            .ToList();
        var blobs = serve.App.Services.GetRequiredService<IBlobStore>();
        await blobs.EnsureContainerAsync(stateContainer, cancellationToken);
        for (var batch = 0; batch * 40 < files.Count; batch++)
        {
            using var content = new MemoryStream(StateJson.Serialize(new BatchResult(batch, files.Skip(batch * 40).Take(40).ToList())));
            await blobs.WriteAsync(stateContainer, StatePaths.Result(runId, batch), content, BlobWriteOptions.Json(WriteCondition.None), cancellationToken);
        }

        static FileResult File(int i, FileOutcome outcome, string? reason) =>
            new($"file{i:D4}", $"notice {i:D4}.txt", "1", outcome, null, 10, outcome == FileOutcome.Uploaded ? 9 : 0, new Dictionary<string, long>(), reason);
    }
}
