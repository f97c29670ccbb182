using System.Text.Json;
using DriveSync.Pipeline.Orchestration;
using DriveSync.Testing;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Testing;

namespace DriveSync.Host.Tests;

/// <summary>
/// The in-process Durable Task test host with two tiny orchestrations the API tests steer: <c>Contract</c>
/// (completes, fails or waits for an event, by its input) and <c>Progress</c> (shows each "progress" event as its
/// custom status, in the RunProgress shape of Seam 2, until one says Completed, Terminated (a run that stopped itself:
/// Completed with phase Terminated) or Failed).
/// </summary>
public sealed class TestEngine : IAsyncDisposable
{
    public const string Contract = "Contract";
    public const string ProgressEvent = "progress";

    private readonly DurableTaskTestHost host;

    private TestEngine(DurableTaskTestHost host) => this.host = host;

    public DurableTaskClient Client => host.Client;

    public static async Task<TestEngine> StartAsync(CancellationToken cancellationToken) =>
        new(await InProcessEngine.StartAsync(Register, configureServices: null, cancellationToken));

    /// <summary>Starts a <c>Contract</c> instance and waits until it reached <paramref name="until"/>.</summary>
    public Task<string> StartContractAsync(string input, OrchestrationRuntimeStatus until, CancellationToken cancellationToken) =>
        StartContractAsync(Client, input, until, cancellationToken);

    public Task WaitForAsync(string id, OrchestrationRuntimeStatus status, CancellationToken cancellationToken) =>
        WaitForAsync(Client, id, status, cancellationToken);

    /// <summary>Starts a <c>Contract</c> instance through <paramref name="client"/> (either engine) and waits until it reached <paramref name="until"/>.</summary>
    public static async Task<string> StartContractAsync(DurableTaskClient client, string input, OrchestrationRuntimeStatus until, CancellationToken cancellationToken)
    {
        var id = await client.ScheduleNewOrchestrationInstanceAsync(Contract, input, cancellationToken).WaitAsync(TimeSpan.FromSeconds(30), cancellationToken);
        await WaitForAsync(client, id, until, cancellationToken);
        return id;
    }

    public static async Task WaitForAsync(DurableTaskClient client, string id, OrchestrationRuntimeStatus status, CancellationToken cancellationToken)
    {
        await TestWait.UntilAsync(async () => (await client.GetInstanceAsync(id, cancellationToken))?.RuntimeStatus == status, TimeSpan.FromSeconds(60), TimeSpan.FromMilliseconds(50));
        if (status == OrchestrationRuntimeStatus.Running)
        {
            // Running is reported before the first episode's custom status is saved; wait for that too.
            await TestWait.UntilAsync(async () => (await client.GetInstanceAsync(id, getInputsAndOutputs: true, cancellationToken))?.SerializedCustomStatus is not null, TimeSpan.FromSeconds(60), TimeSpan.FromMilliseconds(50));
        }
    }

    /// <summary>Shows <paramref name="progress"/> as the custom status of <c>Progress</c> instance <paramref name="id"/>.</summary>
    public async Task ReportAsync(string id, RunProgress progress, CancellationToken cancellationToken)
    {
        await Client.RaiseEventAsync(id, ProgressEvent, progress, cancellationToken).WaitAsync(TimeSpan.FromSeconds(30), cancellationToken);
        await TestWait.UntilAsync(
            async () => (await Client.GetInstanceAsync(id, getInputsAndOutputs: true, cancellationToken))?.ReadCustomStatusAs<RunProgress>() is { } shown
                && shown with { PiiFound = progress.PiiFound } == progress,
            TimeSpan.FromSeconds(30),
            TimeSpan.FromMilliseconds(50));
    }

    public async ValueTask DisposeAsync() => await host.DisposeAsync();

    /// <summary>
    /// Adds the contract's <c>Contract</c> orchestration: it completes with "done {input}", fails with "planned failure"
    /// for "fail", or waits for a "go" event for "wait". The API tests register it in both engines (here, and in the
    /// embedded engine of a <c>serve</c> under test).
    /// </summary>
    public static void RegisterContract(DurableTaskRegistry tasks)
    {
        ArgumentNullException.ThrowIfNull(tasks);
        tasks.AddOrchestratorFunc<string, string>(Contract, async (context, input) =>
        {
            context.SetCustomStatus(new { phase = "Contract", input });
            return input switch
            {
                "fail" => throw new InvalidOperationException("planned failure"),
                "wait" => "got " + (await context.WaitForExternalEvent<JsonElement>("go")).GetRawText(),
                _ => "done " + input,
            };
        });
    }

    private static void Register(DurableTaskRegistry tasks)
    {
        RegisterContract(tasks);
        tasks.AddOrchestratorFunc<JsonElement, RunProgress?>(PipelineTasks.SyncFolder, async (context, _) =>
        {
            context.SetCustomStatus(Progress(RunPhase.Listing, context.CurrentUtcDateTime));
            while (true)
            {
                var progress = await context.WaitForExternalEvent<RunProgress>(ProgressEvent);
                context.SetCustomStatus(progress);
                if (progress.Phase == RunPhase.Failed)
                {
                    throw new InvalidOperationException(progress.FailureReason);
                }

                if (progress.Phase is RunPhase.Completed or RunPhase.Terminated)
                {
                    return progress;
                }
            }
        });
    }

    /// <summary>A run's progress with the given counters (everything else zero or empty).</summary>
    public static RunProgress Progress(
        string phase,
        DateTimeOffset lastProgressAt,
        long listed = 0,
        bool listingComplete = false,
        long uploaded = 0,
        long skipped = 0,
        long quarantined = 0,
        long failed = 0,
        double filesPerSecond = 0,
        string? failureReason = null,
        string? failureHint = null) =>
        new(phase, listed, listingComplete, uploaded, skipped, quarantined, failed, uploaded * 1000, uploaded * 900, new Dictionary<string, long> { ["SSN"] = uploaded },
            lastProgressAt, lastProgressAt, filesPerSecond, 0, "http", false, failureReason, failureHint);
}
