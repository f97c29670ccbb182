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
    public async Task Invocations_TimerHealthAndPage_AnswerTheDocumentedShape()
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
        Assert.Equal(9, definitions.Count);

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
                default:
                    Assert.Equal("timerTrigger", trigger["type"]!.GetValue<string>());
                    Assert.Equal(FunctionInvocationEndpoints.TimerInput, trigger["name"]!.GetValue<string>());
                    payload = new JsonObject { ["Data"] = new JsonObject { ["timer"] = new JsonObject { ["IsPastDue"] = false } }, ["Metadata"] = new JsonObject() };
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

    private static JsonObject Sys(string method) => new()
    {
        ["MethodName"] = method,
        ["UtcNow"] = "2026-01-01T00:00:00.0000000Z",
        ["RandGuid"] = Guid.NewGuid().ToString(),
    };
}
