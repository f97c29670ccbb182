using System.Net;
using System.Text.Json;
using DriveSync.Testing;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace DriveSync.Functions.Tests;

[Collection("Azurite")]
public sealed class RunProblemsFunctionTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task RunAsync_KnownRunWithoutProblems_Answers200WithAnEmptyPage()
    {
        using var cts = TestTimeout.Start();
        await using var harness = TriggerHarness.Start(azurite);
        await harness.Timer().RunAsync(new TimerInfo(), harness.Client, cts.Token);
        var runId = Assert.Single(harness.Client.Scheduled).InstanceId;
        harness.Client.SetStatus(runId, OrchestrationRuntimeStatus.Running);

        var response = await ProblemsAsync(harness, runId, "?skip=0&top=10", cts.Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var page = JsonDocument.Parse(response.ReadBody());
        Assert.Equal(runId, page.RootElement.GetProperty("runId").GetString());
        Assert.Equal(0, page.RootElement.GetProperty("total").GetInt64());
        Assert.Equal(10, page.RootElement.GetProperty("top").GetInt32());
        Assert.Equal(0, page.RootElement.GetProperty("items").GetArrayLength());
        Assert.Empty(page.RootElement.GetProperty("byReason").EnumerateObject());
    }

    [Theory]
    [InlineData("20260101T000000Z-unknown")]
    [InlineData("..%2F..%2Fsecrets")]
    public async Task RunAsync_UnknownRun_Answers404(string runId)
    {
        using var cts = TestTimeout.Start();
        await using var harness = TriggerHarness.Start(azurite);

        var response = await ProblemsAsync(harness, runId, string.Empty, cts.Token);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Theory]
    [InlineData("?top=0")]
    [InlineData("?top=1001")]
    [InlineData("?top=ten")]
    [InlineData("?skip=-1")]
    public async Task RunAsync_BadPaging_Answers400NamingTheParameter(string query)
    {
        using var cts = TestTimeout.Start();
        await using var harness = TriggerHarness.Start(azurite);

        var response = await ProblemsAsync(harness, "any", query, cts.Token);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var problem = JsonDocument.Parse(response.ReadBody());
        var parameter = query.TrimStart('?').Split('=')[0];
        Assert.Contains($"\"{parameter}\"", problem.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    private static async Task<TestHttpResponseData> ProblemsAsync(TriggerHarness harness, string runId, string query, CancellationToken cancellationToken)
    {
        var url = new Uri($"https://func-drivesync.example.net/api/runs/{runId}/problems{query}");
        var request = new TestHttpRequestData(TestFunctionContext.Create(), "GET", url);
        return (TestHttpResponseData)await harness.Problems().RunAsync(request, runId, harness.Client, cancellationToken);
    }
}
