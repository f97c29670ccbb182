using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using DriveSync.Host.Functions;
using DriveSync.Host.Hosting;
using DriveSync.Testing;

namespace DriveSync.Host.Tests;

/// <summary>
/// The Azure Functions custom-handler contract over real sockets: the test plays the Functions host, posting the
/// documented invocation payloads (<c>Data</c>/<c>Metadata</c>) and, for the queue trigger, the work queue's real messages.
/// </summary>
[Collection("Azurite")]
public sealed class FunctionsContractTests(AzuriteFixture azurite)
{
    private const string PublicBase = "https://drivesync-func.azurewebsites.net";

    [Fact]
    public async Task Invocations_HttpAndQueueTriggers_RunCompletesThroughTheContract()
    {
        using var cts = TestTimeout.Start(TimeSpan.FromSeconds(90));
        await using var harness = await ServeHarness.StartAsync(azurite, cts.Token);
        harness.AddTextFiles(8);
        var serve = await StartCustomHandlerAsync(harness, cts.Token);
        using var host = new HttpClient { BaseAddress = serve.BaseUri };

        var start = await InvokeAsync(host, "StartRun", HttpPayload("POST", "/api/runs", body: "{\"limit\":100}"), cts.Token);
        var res = start["Outputs"]!["res"]!;
        Assert.Equal(202, res["statusCode"]!.GetValue<int>());
        Assert.Equal("application/json", res["headers"]!["Content-Type"]!.GetValue<string>());
        var started = JsonNode.Parse(res["body"]!.GetValue<string>())!;
        var id = started["id"]!.GetValue<string>();
        Assert.Equal($"{PublicBase}/api/runs/{id}", started["statusQueryGetUri"]!.GetValue<string>());
        Assert.Equal($"{PublicBase}/api/runs/{id}", res["headers"]!["Location"]!.GetValue<string>());

        var queue = harness.Azurite.CreateClients().Queues.GetQueueClient(harness.WorkQueue);
        var delivered = 0;
        JsonNode? status = null;
        await TestWait.UntilAsync(async () =>
        {
            foreach (var message in (await queue.ReceiveMessagesAsync(8, TimeSpan.FromSeconds(30), cts.Token)).Value)
            {
                var answer = await InvokeAsync(host, "ProcessWork", QueuePayload(message.Body.ToString(), message.MessageId, message.PopReceipt, message.DequeueCount), cts.Token);
                Assert.NotNull(answer["Outputs"]);
                await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, cts.Token);
                delivered++;
            }

            status = await InvokeAsync(host, "GetRun", HttpPayload("GET", $"/api/runs/{id}", parameters: new() { ["id"] = id }), cts.Token);
            return status["Outputs"]!["res"]!["statusCode"]!.GetValue<int>() == 200;
        }, TimeSpan.FromSeconds(60), TimeSpan.FromMilliseconds(50));

        var run = JsonNode.Parse(status!["Outputs"]!["res"]!["body"]!.GetValue<string>())!;
        Assert.Equal("Completed", run["runtimeStatus"]!.GetValue<string>());
        Assert.Equal(8, run["customStatus"]!["uploaded"]!.GetValue<long>());
        Assert.True(delivered >= 2, $"only {delivered} queue messages were delivered");

        var list = await InvokeAsync(host, "ListRuns", HttpPayload("GET", "/api/runs", queryAsJsonString: "{\"runtimeStatus\":\"Completed\",\"top\":\"5\"}"), cts.Token);
        var page = JsonNode.Parse(list["Outputs"]!["res"]!["body"]!.GetValue<string>())!;
        Assert.Equal(id, page["runs"]!.AsArray().Single()!["id"]!.GetValue<string>());

        var purge = await InvokeAsync(host, "PurgeRun", HttpPayload("DELETE", $"/api/runs/{id}", parameters: new() { ["id"] = id }), cts.Token);
        Assert.Equal(200, purge["Outputs"]!["res"]!["statusCode"]!.GetValue<int>());
        var missing = await InvokeAsync(host, "TerminateRun", HttpPayload("POST", $"/api/runs/{id}/terminate", parameters: new() { ["id"] = id }), cts.Token);
        var notFound = missing["Outputs"]!["res"]!;
        Assert.Equal(404, notFound["statusCode"]!.GetValue<int>());
        Assert.Equal("application/problem+json", notFound["headers"]!["Content-Type"]!.GetValue<string>());
    }

    [Fact]
    public async Task Invocations_TimerHealthPageAndWatchdog_AnswerTheDocumentedShape()
    {
        using var cts = TestTimeout.Start(TimeSpan.FromSeconds(60));
        await using var harness = await ServeHarness.StartAsync(azurite, cts.Token);
        harness.AddTextFiles(2);
        var serve = await StartCustomHandlerAsync(harness, cts.Token);
        using var host = new HttpClient { BaseAddress = serve.BaseUri };

        var timer = await InvokeAsync(host, "ScheduledRun", new JsonObject
        {
            ["Data"] = new JsonObject
            {
                ["timer"] = new JsonObject
                {
                    ["Schedule"] = new JsonObject { ["AdjustForDST"] = true },
                    ["ScheduleStatus"] = new JsonObject { ["Last"] = "2026-01-01T02:00:00+00:00", ["Next"] = "2026-01-03T02:00:00+00:00", ["LastUpdated"] = "2026-01-01T02:00:00+00:00" },
                    ["IsPastDue"] = true,
                },
            },
            ["Metadata"] = new JsonObject { ["sys"] = Sys("ScheduledRun") },
        }, cts.Token);
        var line = timer["Logs"]!.AsArray().Single()!.GetValue<string>();
        Assert.StartsWith("Started run ", line, StringComparison.Ordinal);
        var list = await InvokeAsync(host, "ListRuns", HttpPayload("GET", "/api/runs"), cts.Token);
        var runs = JsonNode.Parse(list["Outputs"]!["res"]!["body"]!.GetValue<string>())!["runs"]!.AsArray();
        Assert.Equal("timer-catchup", runs.Single()!["trigger"]!.GetValue<string>());

        using var direct = await serve.Client().GetAsync("api/runs", cts.Token);
        Assert.Equal(HttpStatusCode.Unauthorized, direct.StatusCode);

        var health = await InvokeAsync(host, "Health", HttpPayload("GET", "/healthz"), cts.Token);
        Assert.Equal(200, health["Outputs"]!["res"]!["statusCode"]!.GetValue<int>());
        var page = await InvokeAsync(host, "StatusPage", HttpPayload("GET", "/status"), cts.Token);
        Assert.Contains("<title>DriveSync runs</title>", page["Outputs"]!["res"]!["body"]!.GetValue<string>(), StringComparison.Ordinal);
        var watchdog = await InvokeAsync(host, "Watchdog", new JsonObject { ["Data"] = new JsonObject { ["timer"] = new JsonObject { ["IsPastDue"] = false } }, ["Metadata"] = new JsonObject() }, cts.Token);
        Assert.Single(watchdog["Logs"]!.AsArray());

        using var notHttp = await host.PostAsJsonAsync("GetRun", new JsonObject { ["Data"] = new JsonObject(), ["Metadata"] = new JsonObject() }, cts.Token);
        Assert.Equal(HttpStatusCode.BadRequest, notHttp.StatusCode);
    }

    [Fact]
    public async Task FunctionDefinitions_EveryFunctionFolder_HasAnEndpointAndMatchingBindingNames()
    {
        using var cts = TestTimeout.Start(TimeSpan.FromSeconds(60));
        await using var harness = await ServeHarness.StartAsync(azurite, cts.Token);
        var serve = await StartCustomHandlerAsync(harness, cts.Token);
        using var host = new HttpClient { BaseAddress = serve.BaseUri };
        var definitions = Directory.GetDirectories(RepoPaths.Root)
            .Where(d => File.Exists(Path.Combine(d, "function.json")))
            .ToDictionary(d => Path.GetFileName(d), d => JsonNode.Parse(File.ReadAllText(Path.Combine(d, "function.json")))!);
        Assert.Equal(11, definitions.Count);

        var hostJson = JsonNode.Parse(File.ReadAllText(Path.Combine(RepoPaths.Root, "host.json")))!;
        Assert.Equal("drivesync", hostJson["customHandler"]!["description"]!["defaultExecutablePath"]!.GetValue<string>());
        Assert.Equal("serve", hostJson["customHandler"]!["description"]!["arguments"]![0]!.GetValue<string>());
        Assert.False(hostJson["customHandler"]!["enableForwardingHttpRequest"]!.GetValue<bool>());
        Assert.Equal(string.Empty, hostJson["extensions"]!["http"]!["routePrefix"]!.GetValue<string>());

        foreach (var (name, definition) in definitions)
        {
            var bindings = definition["bindings"]!.AsArray();
            var trigger = bindings.Single(b => b!["direction"]!.GetValue<string>() == "in")!;
            JsonObject payload;
            switch (trigger["type"]!.GetValue<string>())
            {
                case "httpTrigger":
                    Assert.Equal(FunctionInvocationEndpoints.HttpInput, trigger["name"]!.GetValue<string>());
                    Assert.Equal(FunctionInvocationEndpoints.HttpOutput, bindings.Single(b => b!["type"]!.GetValue<string>() == "http")!["name"]!.GetValue<string>());
                    payload = HttpPayload(trigger["methods"]![0]!.GetValue<string>().ToUpperInvariant(), "/" + trigger["route"]!.GetValue<string>(), parameters: new() { ["id"] = "20260101T000000Z-00000000" });
                    break;
                case "timerTrigger":
                    Assert.Equal(FunctionInvocationEndpoints.TimerInput, trigger["name"]!.GetValue<string>());
                    payload = new JsonObject { ["Data"] = new JsonObject { ["timer"] = new JsonObject { ["IsPastDue"] = false } }, ["Metadata"] = new JsonObject() };
                    break;
                default:
                    Assert.Equal("queueTrigger", trigger["type"]!.GetValue<string>());
                    Assert.Equal(FunctionInvocationEndpoints.QueueInput, trigger["name"]!.GetValue<string>());
                    Assert.Equal("%DriveSync__Pipeline__WorkQueue%", trigger["queueName"]!.GetValue<string>());
                    payload = QueuePayload("not a work message", "m1", "p1", 1);
                    break;
            }

            using var response = await host.PostAsJsonAsync(name, payload, cts.Token);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{name}: {response.StatusCode}");
        }
    }

    private static async Task<ServeInstance> StartCustomHandlerAsync(ServeHarness harness, CancellationToken cancellationToken) =>
        await harness.StartServeAsync(cancellationToken, extraSettings: new Dictionary<string, string?>
        {
            [ServeOptions.CustomHandlerPortKey] = FreePort.Next().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["DriveSync:Api:Keys:0"] = null,
        });

    private static async Task<JsonNode> InvokeAsync(HttpClient host, string function, JsonObject payload, CancellationToken cancellationToken)
    {
        using var response = await host.PostAsJsonAsync(function, payload, cancellationToken);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{function}: {response.StatusCode} {await response.Content.ReadAsStringAsync(cancellationToken)}");
        return JsonNode.Parse(await response.Content.ReadAsStringAsync(cancellationToken))!;
    }

    /// <summary>The HTTP trigger payload as the docs show it: header values as arrays, Query as an object (or a JSON string), Body as text.</summary>
    private static JsonObject HttpPayload(string method, string path, string body = "", Dictionary<string, string>? parameters = null, string? queryAsJsonString = null)
    {
        var paramsNode = new JsonObject();
        foreach (var (key, value) in parameters ?? [])
        {
            paramsNode[key] = value;
        }

        return new JsonObject
        {
            ["Data"] = new JsonObject
            {
                ["req"] = new JsonObject
                {
                    ["Url"] = PublicBase + path,
                    ["Method"] = method,
                    ["Query"] = queryAsJsonString is null ? new JsonObject() : JsonValue.Create(queryAsJsonString),
                    ["Headers"] = new JsonObject { ["Content-Type"] = new JsonArray("application/json"), ["x-functions-key"] = new JsonArray("host-checked") },
                    ["Params"] = paramsNode,
                    ["Identities"] = new JsonArray(),
                    ["Body"] = body,
                },
            },
            ["Metadata"] = new JsonObject { ["sys"] = Sys("Http") },
        };
    }

    private static JsonObject QueuePayload(string text, string id, string popReceipt, long dequeueCount) => new()
    {
        ["Data"] = new JsonObject { ["message"] = text },
        ["Metadata"] = new JsonObject
        {
            ["DequeueCount"] = dequeueCount,
            ["ExpirationTime"] = "2026-01-08T00:00:00+00:00",
            ["Id"] = id,
            ["InsertionTime"] = "2026-01-01T00:00:00+00:00",
            ["NextVisibleTime"] = "2026-01-01T00:10:00+00:00",
            ["PopReceipt"] = popReceipt,
            ["sys"] = Sys("ProcessWork"),
        },
    };

    private static JsonObject Sys(string method) => new()
    {
        ["MethodName"] = method,
        ["UtcNow"] = "2026-01-01T00:00:00.0000000Z",
        ["RandGuid"] = Guid.NewGuid().ToString(),
    };
}
