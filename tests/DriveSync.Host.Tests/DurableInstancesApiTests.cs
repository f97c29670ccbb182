using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using DriveSync.Testing;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;

namespace DriveSync.Host.Tests;

/// <summary>
/// Durable Functions' HTTP instance API over real sockets: one table of requests and expected answers, run against
/// <c>serve</c> on the in-process Durable Task test host and on its own embedded engine (DTFx over Azurite).
/// </summary>
[Collection("Azurite")]
public sealed class DurableInstancesApiTests(AzuriteFixture azurite)
{
    private const string Instances = "runtime/webhooks/durabletask/instances";

    private static readonly string[] StatusFields = ["name", "instanceId", "runtimeStatus", "input", "customStatus", "output", "createdTime", "lastUpdatedTime"];

    /// <summary>One request of the contract and what must come back.</summary>
    private sealed record Row(
        string Method,
        string Path,
        HttpStatusCode Expected,
        string? Body = null,
        string? ContentType = null,
        string? ContinuationToken = null,
        bool Anonymous = false,
        Action<HttpResponseMessage, JsonElement>? Check = null);

    [Theory]
    [InlineData(ContractServe.InProcess)]
    [InlineData(ContractServe.Embedded)]
    public async Task Contract_EachRequest_AnswersDurableStatusAndFields(string engine)
    {
        using var cts = TestTimeout.Start(TimeSpan.FromSeconds(180));
        await using var contract = await ContractServe.StartAsync(engine, azurite, cts.Token);
        var serve = contract.Serve;
        using var client = serve.Client();
        using var anonymous = serve.Client(key: null);

        var window = $"createdTimeFrom={DateTimeOffset.UtcNow.AddMinutes(-5):yyyy-MM-ddTHH:mm:ssZ}&createdTimeTo={DateTimeOffset.UtcNow.AddMinutes(30):yyyy-MM-ddTHH:mm:ssZ}";
        var future = $"createdTimeFrom={DateTimeOffset.UtcNow.AddMinutes(20):yyyy-MM-ddTHH:mm:ssZ}";
        var completed = await TestEngine.StartContractAsync(contract.Client, "alpha", OrchestrationRuntimeStatus.Completed, cts.Token);
        var failed = await TestEngine.StartContractAsync(contract.Client, "fail", OrchestrationRuntimeStatus.Failed, cts.Token);
        var waiting = await TestEngine.StartContractAsync(contract.Client, "wait", OrchestrationRuntimeStatus.Running, cts.Token);
        var toTerminate = await TestEngine.StartContractAsync(contract.Client, "wait", OrchestrationRuntimeStatus.Running, cts.Token);
        const string unknown = "no-such-instance";

        var table = new Row[]
        {
            new("GET", $"{Instances}/{completed}", HttpStatusCode.OK, Check: (_, body) =>
            {
                Assert.Equal(StatusFields, body.EnumerateObject().Select(p => p.Name));
                Assert.Equal(TestEngine.Contract, body.GetProperty("name").GetString());
                Assert.Equal(completed, body.GetProperty("instanceId").GetString());
                Assert.Equal("Completed", body.GetProperty("runtimeStatus").GetString());
                Assert.Equal("alpha", body.GetProperty("input").GetString());
                Assert.Equal("done alpha", body.GetProperty("output").GetString());
                Assert.Equal("Contract", body.GetProperty("customStatus").GetProperty("phase").GetString());
                Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$", body.GetProperty("createdTime").GetString());
                Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$", body.GetProperty("lastUpdatedTime").GetString());
            }),
            new("GET", $"{Instances}/{completed}?showInput=false", HttpStatusCode.OK, Check: (_, body) => Assert.Equal(JsonValueKind.Null, body.GetProperty("input").ValueKind)),
            new("GET", $"{Instances}/{completed}?showHistory=true", HttpStatusCode.OK, Check: (_, body) =>
            {
                var history = body.GetProperty("historyEvents").EnumerateArray().ToList();
                if (engine == ContractServe.InProcess)
                {
                    // The in-process test host (a preview test double) keeps no history: the member is there, empty.
                    Assert.Empty(history);
                    return;
                }

                Assert.Contains(history, e => e.GetProperty("eventType").GetString() == "ExecutionStarted");
                Assert.Equal("ExecutionCompleted", history.Last(e => e.GetProperty("eventType").GetString() != "OrchestratorCompleted").GetProperty("eventType").GetString());
                Assert.All(history, e => Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$", e.GetProperty("timestamp").GetString()));
            }),
            new("GET", $"{Instances}/{waiting}", HttpStatusCode.Accepted, Check: (response, body) =>
            {
                Assert.Equal("Running", body.GetProperty("runtimeStatus").GetString());
                Assert.Equal(new Uri(serve.BaseUri, $"{Instances}/{waiting}"), response.Headers.Location);
                Assert.Equal(TimeSpan.FromSeconds(5), response.Headers.RetryAfter?.Delta);
            }),
            new("GET", $"{Instances}/{failed}", HttpStatusCode.OK, Check: (_, body) =>
            {
                Assert.Equal("Failed", body.GetProperty("runtimeStatus").GetString());
                Assert.Contains("planned failure", body.GetProperty("output").GetString(), StringComparison.Ordinal);
            }),
            new("GET", $"{Instances}/{failed}?returnInternalServerErrorOnFailure=true", HttpStatusCode.InternalServerError),
            new("GET", $"{Instances}/{unknown}", HttpStatusCode.NotFound),
            new("GET", $"{Instances}/{completed}?showInput=maybe", HttpStatusCode.BadRequest),
            new("GET", $"{Instances}?runtimeStatus=Running,Completed", HttpStatusCode.OK, Check: (_, body) =>
            {
                var ids = body.EnumerateArray().Select(i => i.GetProperty("instanceId").GetString()).ToHashSet();
                Assert.Equal(new HashSet<string?> { completed, waiting, toTerminate }, ids);
                Assert.All(body.EnumerateArray(), i => Assert.Equal(JsonValueKind.Null, i.GetProperty("input").ValueKind));
            }),
            new("GET", $"{Instances}?runtimeStatus=failed", HttpStatusCode.OK, Check: (_, body) =>
                Assert.Equal([failed], body.EnumerateArray().Select(i => i.GetProperty("instanceId").GetString()))),
            new("GET", $"{Instances}?runtimeStatus=Completed&showInput=true", HttpStatusCode.OK, Check: (_, body) =>
                Assert.Equal("alpha", body.EnumerateArray().Single().GetProperty("input").GetString())),
            new("GET", $"{Instances}?createdTimeFrom=2000-01-01T00:00:00Z&createdTimeTo=2000-01-02T00:00:00Z", HttpStatusCode.OK, Check: (_, body) => Assert.Empty(body.EnumerateArray())),
            new("GET", $"{Instances}?{window}", HttpStatusCode.OK, Check: (_, body) =>
                Assert.Equal(new HashSet<string?> { completed, failed, waiting, toTerminate }, body.EnumerateArray().Select(i => i.GetProperty("instanceId").GetString()).ToHashSet())),
            new("GET", $"{Instances}?{future}", HttpStatusCode.OK, Check: (_, body) => Assert.Empty(body.EnumerateArray())),
            new("GET", $"{Instances}?top=3", HttpStatusCode.OK, Check: (response, body) =>
            {
                Assert.Equal(3, body.GetArrayLength());
                Assert.False(string.IsNullOrEmpty(response.Headers.GetValues("x-ms-continuation-token").Single()));
            }),
            new("GET", $"{Instances}?runtimeStatus=Sleeping", HttpStatusCode.BadRequest),
            new("GET", $"{Instances}?runtimeStatus=1", HttpStatusCode.BadRequest),
            new("GET", $"{Instances}?top=0", HttpStatusCode.BadRequest),
            new("GET", $"{Instances}?top=abc", HttpStatusCode.BadRequest),
            new("GET", $"{Instances}?createdTimeFrom=yesterday", HttpStatusCode.BadRequest),
            new("GET", Instances, HttpStatusCode.BadRequest, ContinuationToken: "garbage"),
            new("GET", Instances, HttpStatusCode.Unauthorized, Anonymous: true, Check: (response, _) =>
                Assert.StartsWith("ApiKey ", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal)),
            new("PUT", $"{Instances}/{completed}", HttpStatusCode.MethodNotAllowed),
            new("POST", $"{Instances}/{completed}/terminate?reason=late", HttpStatusCode.Gone),
            new("POST", $"{Instances}/{failed}/terminate", HttpStatusCode.Gone),
            new("POST", $"{Instances}/{unknown}/terminate", HttpStatusCode.NotFound),
            new("POST", $"{Instances}/{completed}/raiseEvent/go", HttpStatusCode.Gone, "{}", "application/json"),
            new("POST", $"{Instances}/{failed}/raiseEvent/go", HttpStatusCode.Gone, "{}", "application/json"),
            new("POST", $"{Instances}/{unknown}/raiseEvent/go", HttpStatusCode.NotFound, "{}", "application/json"),
            new("POST", $"{Instances}/{waiting}/raiseEvent/go", HttpStatusCode.UnsupportedMediaType, "{}", "text/plain"),
            new("POST", $"{Instances}/{waiting}/raiseEvent/go", HttpStatusCode.BadRequest, "{not json", "application/json"),
            new("POST", $"{Instances}/{waiting}/raiseEvent/go", HttpStatusCode.RequestEntityTooLarge, "[" + new string('1', 8000) + "]", "application/json"),
            new("DELETE", $"{Instances}/{waiting}", HttpStatusCode.Conflict),
            new("DELETE", $"{Instances}/{unknown}", HttpStatusCode.NotFound),
            new("POST", $"{Instances}/{waiting}/raiseEvent/go", HttpStatusCode.Accepted, "{\"n\":7}", "application/json"),
            new("POST", $"{Instances}/{toTerminate}/terminate?reason=wrong+folder", HttpStatusCode.Accepted),
            new("DELETE", $"{Instances}/{completed}", HttpStatusCode.OK, Check: (_, body) => Assert.Equal(1, body.GetProperty("instancesDeleted").GetInt32())),
            new("GET", $"{Instances}/{completed}", HttpStatusCode.NotFound),
        };

        foreach (var row in table)
        {
            using var request = new HttpRequestMessage(new HttpMethod(row.Method), row.Path);
            if (row.Body is not null)
            {
                request.Content = new StringContent(row.Body, Encoding.UTF8);
                request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(row.ContentType!);
            }

            if (row.ContinuationToken is not null)
            {
                request.Headers.Add("x-ms-continuation-token", row.ContinuationToken);
            }

            using var response = await (row.Anonymous ? anonymous : client).SendAsync(request, cts.Token);
            var text = await response.Content.ReadAsStringAsync(cts.Token);
            Assert.True(row.Expected == response.StatusCode, $"{engine}: {row.Method} {row.Path}: expected {(int)row.Expected}, got {(int)response.StatusCode} {text}");
            var body = text.Length == 0 ? default : JsonDocument.Parse(text).RootElement;
            if ((int)row.Expected >= 400 && !(row.Expected == HttpStatusCode.InternalServerError && row.Path.Contains("returnInternalServerErrorOnFailure", StringComparison.Ordinal)))
            {
                Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
                Assert.Equal((int)row.Expected, body.GetProperty("status").GetInt32());
                Assert.False(string.IsNullOrWhiteSpace(body.GetProperty("title").GetString()));
            }

            if (row.Expected == HttpStatusCode.Accepted && row.Method == "POST")
            {
                Assert.Empty(text);
            }

            row.Check?.Invoke(response, body);
        }

        await TestEngine.WaitForAsync(contract.Client, waiting, OrchestrationRuntimeStatus.Completed, cts.Token);
        await TestEngine.WaitForAsync(contract.Client, toTerminate, OrchestrationRuntimeStatus.Terminated, cts.Token);
        var afterEvent = await client.GetFromJsonAsync<JsonElement>($"{Instances}/{waiting}", cts.Token);
        Assert.Equal("got {\"n\":7}", afterEvent.GetProperty("output").GetString());
        var terminated = await client.GetFromJsonAsync<JsonElement>($"{Instances}/{toTerminate}", cts.Token);
        Assert.Equal("wrong folder", terminated.GetProperty("output").GetString());
    }

    [Fact]
    public async Task List_ConcurrentIdenticalRequests_EachAnswerHoldsEveryInstanceStartedBeforeTheRequest()
    {
        using var cts = TestTimeout.Start(TimeSpan.FromSeconds(120));
        await using var contract = await ContractServe.StartAsync(ContractServe.InProcess, azurite, cts.Token);
        using var client = contract.Serve.Client();
        using var stopLoad = CancellationTokenSource.CreateLinkedTokenSource(cts.Token);
        var loadCalls = 0;
        var load = Enumerable.Range(0, 20).Select(_ => Task.Run(async () =>
        {
            try
            {
                while (true)
                {
                    using var response = await client.GetAsync($"{Instances}?top=50", stopLoad.Token);
                    Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                    Interlocked.Increment(ref loadCalls);
                }
            }
            catch (OperationCanceledException) when (stopLoad.IsCancellationRequested)
            {
                // The test is done with the load.
            }
        }, CancellationToken.None)).ToList();

        var started = new List<string>();
        for (var i = 0; i < 8; i++)
        {
            started.Add(await contract.Client.ScheduleNewOrchestrationInstanceAsync(TestEngine.Contract, "wait", cts.Token));
            var listed = (await client.GetFromJsonAsync<JsonElement>($"{Instances}?top=50", cts.Token)).EnumerateArray().Select(e => e.GetProperty("instanceId").GetString()).ToHashSet();
            Assert.Superset(started.ToHashSet<string?>(), listed);
        }

        await stopLoad.CancelAsync();
        await Task.WhenAll(load).WaitAsync(cts.Token);
        Assert.True(loadCalls > 0);
    }

    [Theory]
    [InlineData(ContractServe.InProcess)]
    [InlineData(ContractServe.Embedded)]
    public async Task List_ContinuationHeader_WalksEveryInstanceOnceAndRefusesAForeignToken(string engine)
    {
        using var cts = TestTimeout.Start(TimeSpan.FromSeconds(180));
        await using var contract = await ContractServe.StartAsync(engine, azurite, cts.Token);
        using var client = contract.Serve.Client();
        var started = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            started.Add(await TestEngine.StartContractAsync(contract.Client, "n" + i, OrchestrationRuntimeStatus.Completed, cts.Token));
        }

        var seen = new List<string>();
        string? token = null;
        var pages = 0;
        do
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"{Instances}?top=2&runtimeStatus=Completed");
            if (token is not null)
            {
                request.Headers.Add("x-ms-continuation-token", token);
            }

            using var response = await client.SendAsync(request, cts.Token);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            seen.AddRange((await response.Content.ReadFromJsonAsync<JsonElement>(cts.Token)).EnumerateArray().Select(i => i.GetProperty("instanceId").GetString()!));
            token = response.Headers.TryGetValues("x-ms-continuation-token", out var values) ? values.Single() : null;
            pages++;
        }
        while (token is not null && pages < 10);

        Assert.Equal(started.Order(StringComparer.Ordinal), seen.Order(StringComparer.Ordinal));
        Assert.InRange(pages, 3, 4);

        using var first = await client.GetAsync($"{Instances}?top=2&runtimeStatus=Completed", cts.Token);
        var firstToken = first.Headers.GetValues("x-ms-continuation-token").Single();
        using var otherFilter = new HttpRequestMessage(HttpMethod.Get, $"{Instances}?top=2&runtimeStatus=Failed");
        otherFilter.Headers.Add("x-ms-continuation-token", firstToken);
        using var refused = await client.SendAsync(otherFilter, cts.Token);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
    }
}
