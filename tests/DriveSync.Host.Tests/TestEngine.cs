using System.Text.Json;
using DriveSync.Testing;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Testing;

namespace DriveSync.Host.Tests;

/// <summary>
/// The in-process Durable Task test host with two tiny orchestrations the API tests steer: <c>Contract</c>
/// (completes, fails or waits for an event, by its input) and <c>Progress</c> (shows each "progress" event as its
/// custom status, in the RunProgress shape of Seam 2, until one says Completed or Failed).
/// </summary>
public sealed class TestEngine : IAsyncDisposable
{
    public const string Contract = "Contract";
    public const string Progress = "Progress";

    private readonly DurableTaskTestHost host;

    private TestEngine(DurableTaskTestHost host) => this.host = host;

    public DurableTaskClient Client => host.Client;

    public static async Task<TestEngine> StartAsync(CancellationToken cancellationToken) =>
        new(await DurableTaskTestHost.StartAsync(Register, cancellationToken: cancellationToken).WaitAsync(TimeSpan.FromSeconds(60), cancellationToken));

    /// <summary>Starts a <c>Contract</c> instance and waits until it reached <paramref name="until"/>.</summary>
    public async Task<string> StartContractAsync(string input, OrchestrationRuntimeStatus until, CancellationToken cancellationToken)
    {
        var id = await Client.ScheduleNewOrchestrationInstanceAsync(Contract, input, cancellationToken).WaitAsync(TimeSpan.FromSeconds(30), cancellationToken);
        await WaitForAsync(id, until, cancellationToken);
        return id;
    }

    public async Task WaitForAsync(string id, OrchestrationRuntimeStatus status, CancellationToken cancellationToken)
    {
        await TestWait.UntilAsync(async () => (await Client.GetInstanceAsync(id, cancellationToken))?.RuntimeStatus == status, TimeSpan.FromSeconds(30), TimeSpan.FromMilliseconds(50));
        if (status == OrchestrationRuntimeStatus.Running)
        {
            // Running is reported before the first episode's custom status is saved; wait for that too.
            await TestWait.UntilAsync(async () => (await Client.GetInstanceAsync(id, getInputsAndOutputs: true, cancellationToken))?.SerializedCustomStatus is not null, TimeSpan.FromSeconds(30), TimeSpan.FromMilliseconds(50));
        }
    }

    /// <summary>Shows <paramref name="progress"/> as the custom status of <c>Progress</c> instance <paramref name="id"/>.</summary>
    public async Task ReportAsync(string id, RunProgress progress, CancellationToken cancellationToken)
    {
        await Client.RaiseEventAsync(id, "progress", progress, cancellationToken).WaitAsync(TimeSpan.FromSeconds(30), cancellationToken);
        await TestWait.UntilAsync(
            async () => (await Client.GetInstanceAsync(id, getInputsAndOutputs: true, cancellationToken))?.ReadCustomStatusAs<RunProgress>() == progress,
            TimeSpan.FromSeconds(30),
            TimeSpan.FromMilliseconds(50));
    }

    public async ValueTask DisposeAsync() => await host.DisposeAsync();

    private static void Register(DurableTaskRegistry tasks)
    {
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
        tasks.AddOrchestratorFunc<string, RunProgress?>(Progress, async (context, _) =>
        {
            context.SetCustomStatus(new RunProgress { Phase = "Listing" });
            while (true)
            {
                var progress = await context.WaitForExternalEvent<RunProgress>("progress");
                context.SetCustomStatus(progress);
                if (progress.Phase == "Failed")
                {
                    throw new InvalidOperationException(progress.FailureReason);
                }

                if (progress.Phase == "Completed")
                {
                    return progress;
                }
            }
        });
    }
}

/// <summary>The test project's copy of Seam 2's custom status (engine-core publishes the real one).</summary>
public sealed record RunProgress
{
    public string Phase { get; init; } = "Listing";
    public long Listed { get; init; }
    public bool ListingComplete { get; init; }
    public long Uploaded { get; init; }
    public long Skipped { get; init; }
    public long Quarantined { get; init; }
    public long Failed { get; init; }
    public long BytesRead { get; init; }
    public long BytesWritten { get; init; }
    public IReadOnlyDictionary<string, long> PiiFound { get; init; } = new Dictionary<string, long>();
    public DateTimeOffset? LastProgressAt { get; init; }
    public double FilesPerSecond { get; init; }
    public string? FailureReason { get; init; }
    public string? FailureHint { get; init; }

    public bool Equals(RunProgress? other) =>
        other is not null && Phase == other.Phase && Listed == other.Listed && ListingComplete == other.ListingComplete && Uploaded == other.Uploaded
        && Skipped == other.Skipped && Quarantined == other.Quarantined && Failed == other.Failed && LastProgressAt == other.LastProgressAt
        && FilesPerSecond.Equals(other.FilesPerSecond) && FailureReason == other.FailureReason;

    public override int GetHashCode() => HashCode.Combine(Phase, Listed, Uploaded, Failed);
}
