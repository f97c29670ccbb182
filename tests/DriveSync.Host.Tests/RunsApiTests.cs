using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using DriveSync.Testing;

namespace DriveSync.Host.Tests;

/// <summary>The management API over real sockets, against the real pipeline (Drive emulator + Azurite).</summary>
[Collection("Azurite")]
public sealed class RunsApiTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task StartAndGet_HappyPath_RunCompletesWithEveryFileCounted()
    {
        using var cts = TestTimeout.Start(TimeSpan.FromSeconds(90));
        await using var harness = await ServeHarness.StartAsync(azurite, cts.Token);
        harness.AddTextFiles(12);
        var serve = await harness.StartServeAsync(cts.Token);
        using var client = serve.Client();

        using var start = await client.PostAsync("api/runs", JsonContent.Create(new { limit = 100 }), cts.Token);
        Assert.Equal(HttpStatusCode.Accepted, start.StatusCode);
        var started = await start.Content.ReadFromJsonAsync<JsonElement>(cts.Token);
        var id = started.GetProperty("id").GetString()!;
        var statusUri = started.GetProperty("statusQueryGetUri").GetString()!;
        Assert.Equal(new Uri(serve.BaseUri, $"api/runs/{id}").ToString(), statusUri);
        Assert.Equal(statusUri + "/terminate", started.GetProperty("terminatePostUri").GetString());
        Assert.Equal(statusUri, started.GetProperty("purgeHistoryDeleteUri").GetString());
        Assert.Equal(statusUri, start.Headers.Location!.ToString());

        var run = await ServeInstance.WaitFinishedAsync(client, id, TimeSpan.FromSeconds(60), cts.Token);
        Assert.Equal("Completed", run.GetProperty("runtimeStatus").GetString());
        var custom = run.GetProperty("customStatus");
        Assert.Equal(12, custom.GetProperty("listed").GetInt64());
        Assert.Equal(12, custom.GetProperty("uploaded").GetInt64());
        Assert.Equal(12, custom.GetProperty("done").GetInt64());
        var ssn = custom.GetProperty("piiFound").EnumerateObject().Single(p => p.Name.Equals("SSN", StringComparison.OrdinalIgnoreCase));
        Assert.Equal(12, ssn.Value.GetInt64());
        Assert.Equal(12, run.GetProperty("output").GetProperty("uploaded").GetInt64());
        Assert.Equal("http", run.GetProperty("trigger").GetString());
        Assert.True(run.GetProperty("lastUpdatedTime").GetDateTimeOffset() >= run.GetProperty("createdTime").GetDateTimeOffset());

        using var finished = await client.GetAsync($"api/runs/{id}", cts.Token);
        Assert.Equal(HttpStatusCode.OK, finished.StatusCode);
        Assert.DoesNotContain(Canary.All, c => run.GetRawText().Contains(c, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task List_FilterAndPaging_ReturnsRunsNewestFirstWithContinuation()
    {
        using var cts = TestTimeout.Start(TimeSpan.FromSeconds(90));
        await using var harness = await ServeHarness.StartAsync(azurite, cts.Token);
        harness.AddTextFiles(2);
        var serve = await harness.StartServeAsync(cts.Token);
        using var client = serve.Client();
        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            var id = await serve.StartRunAsync(client, cts.Token);
            await ServeInstance.WaitFinishedAsync(client, id, TimeSpan.FromSeconds(30), cts.Token);
            ids.Add(id);
        }

        using var first = await client.GetAsync("api/runs?runtimeStatus=Completed&top=2", cts.Token);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var page1 = await first.Content.ReadFromJsonAsync<JsonElement>(cts.Token);
        var token = page1.GetProperty("continuationToken").GetString();
        Assert.NotNull(token);
        Assert.Equal(token, first.Headers.GetValues("x-ms-continuation-token").Single());
        using var second = await client.GetAsync($"api/runs?runtimeStatus=completed&top=2&continuationToken={Uri.EscapeDataString(token!)}", cts.Token);
        var page2 = await second.Content.ReadFromJsonAsync<JsonElement>(cts.Token);
        var listed = page1.GetProperty("runs").EnumerateArray().Concat(page2.GetProperty("runs").EnumerateArray())
            .Select(r => r.GetProperty("id").GetString()).ToList();
        Assert.Equal(ids.AsEnumerable().Reverse(), listed);

        using var running = await client.GetAsync("api/runs?runtimeStatus=Running", cts.Token);
        Assert.Empty((await running.Content.ReadFromJsonAsync<JsonElement>(cts.Token)).GetProperty("runs").EnumerateArray());
    }

    [Fact]
    public async Task TerminateAndPurge_RunInProgress_ConflictsUntilTerminatedThenPurges()
    {
        using var cts = TestTimeout.Start(TimeSpan.FromSeconds(90));
        await using var harness = await ServeHarness.StartAsync(azurite, cts.Token);
        harness.AddTextFiles(60);
        harness.PaceDrive(requestsPerSecond: 4);
        var serve = await harness.StartServeAsync(cts.Token);
        using var client = serve.Client();
        var id = await serve.StartRunAsync(client, cts.Token);

        using var again = await client.PostAsync("api/runs", null, cts.Token);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal("application/problem+json", again.Content.Headers.ContentType!.MediaType);
        var conflict = await again.Content.ReadFromJsonAsync<JsonElement>(cts.Token);
        Assert.Equal(id, conflict.GetProperty("id").GetString());
        Assert.Equal(409, conflict.GetProperty("status").GetInt32());
        Assert.EndsWith($"/api/runs/{id}", again.Headers.Location!.ToString(), StringComparison.Ordinal);

        using var inProgress = await client.GetAsync($"api/runs/{id}", cts.Token);
        Assert.Equal(HttpStatusCode.Accepted, inProgress.StatusCode);
        Assert.Equal("5", inProgress.Headers.GetValues("Retry-After").Single());

        using var purgeRunning = await client.DeleteAsync($"api/runs/{id}", cts.Token);
        Assert.Equal(HttpStatusCode.Conflict, purgeRunning.StatusCode);

        using var terminate = await client.PostAsync($"api/runs/{id}/terminate?reason=test", null, cts.Token);
        Assert.Equal(HttpStatusCode.Accepted, terminate.StatusCode);
        var run = await ServeInstance.WaitFinishedAsync(client, id, TimeSpan.FromSeconds(60), cts.Token);
        Assert.Equal("Terminated", run.GetProperty("runtimeStatus").GetString());
        Assert.True(run.GetProperty("customStatus").GetProperty("uploaded").GetInt64() < 60, run.GetRawText());
        Assert.Equal("test", run.GetProperty("output").GetProperty("failureReason").GetString());

        using var terminateAgain = await client.PostAsync($"api/runs/{id}/terminate", null, cts.Token);
        Assert.Equal(HttpStatusCode.Conflict, terminateAgain.StatusCode);

        using var purge = await client.DeleteAsync($"api/runs/{id}", cts.Token);
        Assert.Equal(HttpStatusCode.OK, purge.StatusCode);
        Assert.Equal(1, (await purge.Content.ReadFromJsonAsync<JsonElement>(cts.Token)).GetProperty("instancesDeleted").GetInt32());
        using var gone = await client.GetAsync($"api/runs/{id}", cts.Token);
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
    }

    [Fact]
    public async Task Errors_EachBadRequest_AnswersItsStatusWithProblemDetails()
    {
        using var cts = TestTimeout.Start(TimeSpan.FromSeconds(60));
        await using var harness = await ServeHarness.StartAsync(azurite, cts.Token);
        var serve = await harness.StartServeAsync(cts.Token);
        using var client = serve.Client();
        using var anonymous = serve.Client(key: null);
        using var wrongKey = serve.Client(key: "wrong-key-0123456789abcdef");

        var cases = new (HttpClient Client, HttpMethod Method, string Path, string? Body, HttpStatusCode Expected)[]
        {
            (anonymous, HttpMethod.Get, "api/runs", null, HttpStatusCode.Unauthorized),
            (anonymous, HttpMethod.Post, "api/runs", null, HttpStatusCode.Unauthorized),
            (wrongKey, HttpMethod.Get, "api/runs/x", null, HttpStatusCode.Unauthorized),
            (anonymous, HttpMethod.Get, "api/runs?code=wrong-key-0123456789abcdef", null, HttpStatusCode.Unauthorized),
            (anonymous, HttpMethod.Get, "?code=nope", null, HttpStatusCode.Unauthorized),
            (client, HttpMethod.Post, "api/runs", "{not json", HttpStatusCode.BadRequest),
            (client, HttpMethod.Post, "api/runs", "{\"limit\":0}", HttpStatusCode.BadRequest),
            (client, HttpMethod.Post, "api/runs", "{\"limitt\":5}", HttpStatusCode.BadRequest),
            (client, HttpMethod.Get, "api/runs?runtimeStatus=Sleeping", null, HttpStatusCode.BadRequest),
            (client, HttpMethod.Get, "api/runs?runtimeStatus=1", null, HttpStatusCode.BadRequest),
            (client, HttpMethod.Get, "api/runs?top=0", null, HttpStatusCode.BadRequest),
            (client, HttpMethod.Get, "api/runs?top=abc", null, HttpStatusCode.BadRequest),
            (client, HttpMethod.Get, "api/runs?top=100000", null, HttpStatusCode.BadRequest),
            (client, HttpMethod.Get, "api/runs/20260101T000000Z-deadbeef", null, HttpStatusCode.NotFound),
            (client, HttpMethod.Post, "api/runs/20260101T000000Z-deadbeef/terminate", null, HttpStatusCode.NotFound),
            (client, HttpMethod.Delete, "api/runs/20260101T000000Z-deadbeef", null, HttpStatusCode.NotFound),
        };
        foreach (var (caller, method, path, body, expected) in cases)
        {
            using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : new StringContent(body, Encoding.UTF8, "application/json") };
            using var response = await caller.SendAsync(request, cts.Token);
            Assert.True(expected == response.StatusCode, $"{method} {path}: expected {expected}, got {response.StatusCode}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>(cts.Token);
            Assert.Equal((int)expected, problem.GetProperty("status").GetInt32());
            Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("title").GetString()));
            Assert.StartsWith("https://www.rfc-editor.org/rfc/rfc9110#section-15.5.", problem.GetProperty("type").GetString(), StringComparison.Ordinal);
        }

        using var health = await anonymous.GetAsync("healthz", cts.Token);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal("Healthy", (await health.Content.ReadFromJsonAsync<JsonElement>(cts.Token)).GetProperty("status").GetString());

        using var byQuery = await anonymous.GetAsync($"api/runs?code={ServeHarness.Key}", cts.Token);
        Assert.Equal(HttpStatusCode.OK, byQuery.StatusCode);
    }

    [Fact]
    public async Task Status_200ConcurrentRequestsDuringRun_AllAnsweredAndRunUnaffected()
    {
        using var cts = TestTimeout.Start(TimeSpan.FromSeconds(120));
        await using var harness = await ServeHarness.StartAsync(azurite, cts.Token);
        harness.AddTextFiles(60);
        harness.PaceDrive(requestsPerSecond: 15);
        var serve = await harness.StartServeAsync(cts.Token);
        using var client = serve.Client();
        var id = await serve.StartRunAsync(client, cts.Token);

        var responses = await Task.WhenAll(Enumerable.Range(0, 200).Select(async _ =>
        {
            using var response = await client.GetAsync($"api/runs/{id}", cts.Token);
            var body = await response.Content.ReadFromJsonAsync<JsonElement>(cts.Token);
            return (response.StatusCode, Status: body.GetProperty("runtimeStatus").GetString());
        })).WaitAsync(TimeSpan.FromSeconds(60), cts.Token);

        Assert.All(responses, r => Assert.True(r.StatusCode is HttpStatusCode.OK or HttpStatusCode.Accepted, r.StatusCode.ToString()));
        Assert.Contains(responses, r => r.Status is "Pending" or "Running");
        var run = await ServeInstance.WaitFinishedAsync(client, id, TimeSpan.FromSeconds(90), cts.Token);
        Assert.Equal("Completed", run.GetProperty("runtimeStatus").GetString());
        var custom = run.GetProperty("customStatus");
        Assert.Equal(60, custom.GetProperty("listed").GetInt64());
        Assert.Equal(60, custom.GetProperty("uploaded").GetInt64());
        Assert.Equal(0, custom.GetProperty("failed").GetInt64());
        var outputs = 0;
        await foreach (var _ in harness.Azurite.CreateClients().Blobs.GetBlobContainerClient(harness.OutputContainer).GetBlobsAsync(cancellationToken: cts.Token))
        {
            outputs++;
        }

        Assert.Equal(60, outputs);
    }
}
