using System.Net;
using System.Text.Json;
using DriveSync.Functions.Triggers;
using DriveSync.Pipeline.Orchestration;
using DriveSync.Testing;
using Microsoft.DurableTask.Client;

namespace DriveSync.Functions.Tests;

[Collection("Azurite")]
public sealed class StartRunFunctionTests(AzuriteFixture azurite)
{
    private static readonly Uri RunsUrl = new("https://func-drivesync.example.net/api/runs");

    [Fact]
    public async Task RunAsync_EmptyBody_Answers202WithCheckStatusPayload()
    {
        using var cts = TestTimeout.Start();
        await using var harness = TriggerHarness.Start(azurite);

        var response = await StartAsync(harness, body: null, cts.Token);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var (_, instanceId, input) = Assert.Single(harness.Client.Scheduled);
        Assert.Equal(StartRunFunction.HttpTrigger, Assert.IsType<SyncFolderInput>(input).Trigger);
        var statusUri = $"https://func-drivesync.example.net/runtime/webhooks/durabletask/instances/{instanceId}";
        Assert.Equal(statusUri, Assert.Single(response.Headers.GetValues("Location")));
        using var payload = JsonDocument.Parse(response.ReadBody());
        Assert.Equal(instanceId, payload.RootElement.GetProperty("id").GetString());
        Assert.Equal(statusUri, payload.RootElement.GetProperty("statusQueryGetUri").GetString());
        Assert.Equal(statusUri, payload.RootElement.GetProperty("purgeHistoryDeleteUri").GetString());
        Assert.StartsWith(statusUri + "/terminate?reason=", payload.RootElement.GetProperty("terminatePostUri").GetString(), StringComparison.Ordinal);
        Assert.Equal(statusUri + "/raiseEvent/{eventName}", payload.RootElement.GetProperty("sendEventPostUri").GetString());
    }

    [Fact]
    public async Task RunAsync_LimitDryRunAndReprocess_PassedToTheRun()
    {
        using var cts = TestTimeout.Start();
        await using var harness = TriggerHarness.Start(azurite);

        var response = await StartAsync(harness, """{"limit": 5, "dryRun": true, "reprocess": "all"}""", cts.Token);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var input = Assert.IsType<SyncFolderInput>(Assert.Single(harness.Client.Scheduled).Input);
        Assert.Equal(5, input.Limit);
        Assert.True(input.DryRun);
        Assert.True(input.ReprocessAll);
    }

    [Fact]
    public async Task RunAsync_FolderRunInProgress_Answers409WithThatRun()
    {
        using var cts = TestTimeout.Start();
        await using var harness = TriggerHarness.Start(azurite);
        await StartAsync(harness, body: null, cts.Token);
        var running = Assert.Single(harness.Client.Scheduled).InstanceId;
        harness.Client.SetStatus(running, OrchestrationRuntimeStatus.Running);

        var response = await StartAsync(harness, """{"limit": 10}""", cts.Token);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Single(harness.Client.Scheduled);
        using var payload = JsonDocument.Parse(response.ReadBody());
        Assert.Equal(running, payload.RootElement.GetProperty("id").GetString());
        Assert.EndsWith($"/runtime/webhooks/durabletask/instances/{running}", payload.RootElement.GetProperty("statusQueryGetUri").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("[1, 2]")]
    [InlineData("null")]
    [InlineData("""{"limit": 0}""")]
    [InlineData("""{"limit": -3}""")]
    [InlineData("""{"limit": "ten"}""")]
    [InlineData("""{"dryRun": "yes"}""")]
    [InlineData("""{"folder": "someone@example.com"}""")]
    public async Task RunAsync_MalformedBody_Answers400AndStartsNothing(string body)
    {
        using var cts = TestTimeout.Start();
        await using var harness = TriggerHarness.Start(azurite);

        var response = await StartAsync(harness, body, cts.Token);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(HttpProblem.ContentType, Assert.Single(response.Headers.GetValues("Content-Type")));
        var text = response.ReadBody();
        using var problem = JsonDocument.Parse(text);
        Assert.Equal(400, problem.RootElement.GetProperty("status").GetInt32());
        Assert.Contains("limit", problem.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain("someone@example.com", text, StringComparison.Ordinal);
        Assert.Empty(harness.Client.Scheduled);
        Assert.Null(await harness.ClaimedRunAsync(cts.Token));
    }

    [Fact]
    public async Task RunAsync_BodyOverTheCap_Answers413AndStartsNothing()
    {
        using var cts = TestTimeout.Start();
        await using var harness = TriggerHarness.Start(azurite);

        var response = await StartAsync(harness, "{\"limit\": 1, \"pad\": \"" + new string('x', 1024 * 1024) + "\"}", cts.Token);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        using var problem = JsonDocument.Parse(response.ReadBody());
        Assert.Equal(413, problem.RootElement.GetProperty("status").GetInt32());
        Assert.Empty(harness.Client.Scheduled);
    }

    private static async Task<TestHttpResponseData> StartAsync(TriggerHarness harness, string? body, CancellationToken cancellationToken)
    {
        var request = new TestHttpRequestData(TestFunctionContext.Create(), "POST", RunsUrl, body);
        return (TestHttpResponseData)await harness.Start().RunAsync(request, harness.Client, cancellationToken);
    }
}
