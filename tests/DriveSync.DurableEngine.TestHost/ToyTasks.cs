using System.Collections.Concurrent;
using Microsoft.DurableTask;

namespace DriveSync.DurableEngine.TestHost;

/// <summary>Input of <see cref="ToyOrchestrator"/>: fan out <see cref="Items"/> squares per round, <see cref="Rounds"/> rounds.</summary>
public sealed record ToyInput(string Label, int Items, int Rounds, int Round = 1, long Sum = 0);

/// <summary>Output of <see cref="ToyOrchestrator"/>.</summary>
public sealed record ToyOutput(string Label, long Sum, int Rounds, int FlakyAttempts);

/// <summary>Custom status of <see cref="ToyOrchestrator"/>.</summary>
public sealed record ToyProgress(int Round, long Sum);

/// <summary>Input of <see cref="StepsOrchestrator"/>: <see cref="Steps"/> activities one after another, each taking <see cref="StepMilliseconds"/>.</summary>
public sealed record StepsInput(int Steps, int StepMilliseconds);

/// <summary>
/// Exercises what the engine must host: a fan-out of activities, a custom status, a durable timer, ContinueAsNew between
/// rounds and an activity retried by an SDK retry policy.
/// </summary>
public sealed class ToyOrchestrator : TaskOrchestrator<ToyInput, ToyOutput?>
{
    public override async Task<ToyOutput?> RunAsync(TaskOrchestrationContext context, ToyInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var squares = await Task.WhenAll(Enumerable.Range(1, input.Items).Select(i => context.CallActivityAsync<long>(ToyTasks.Square, i)));
        var sum = input.Sum + squares.Sum();
        context.SetCustomStatus(new ToyProgress(input.Round, sum));
        await context.CreateTimer(context.CurrentUtcDateTime.AddMilliseconds(300), CancellationToken.None);
        if (input.Round < input.Rounds)
        {
            context.ContinueAsNew(input with { Round = input.Round + 1, Sum = sum });
            return null;
        }

        var retry = TaskOptions.FromRetryPolicy(new RetryPolicy(maxNumberOfAttempts: 4, firstRetryInterval: TimeSpan.FromMilliseconds(200)));
        var attempts = await context.CallActivityAsync<int>(ToyTasks.Flaky, context.InstanceId, retry);
        return new ToyOutput(input.Label, sum, input.Round, attempts);
    }
}

/// <summary>Waits for an <c>Approve</c> event and returns its payload.</summary>
public sealed class ApprovalOrchestrator : TaskOrchestrator<string, string>
{
    public override async Task<string> RunAsync(TaskOrchestrationContext context, string input)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.SetCustomStatus("waiting");
        var approval = await context.WaitForExternalEvent<string>(ToyTasks.ApproveEvent);
        return $"{input}:{approval}";
    }
}

/// <summary>Runs slow steps one after another, reporting how many finished as its custom status.</summary>
public sealed class StepsOrchestrator : TaskOrchestrator<StepsInput, int>
{
    public override async Task<int> RunAsync(TaskOrchestrationContext context, StepsInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var total = 0;
        for (var step = 1; step <= input.Steps; step++)
        {
            total += await context.CallActivityAsync<int>(ToyTasks.Step, new StepsInput(step, input.StepMilliseconds));
            context.SetCustomStatus(step);
        }

        return total;
    }
}

/// <summary>Squares its input; counts its executions in the injected <see cref="ActivityLedger"/>.</summary>
public sealed class SquareActivity(ActivityLedger ledger) : TaskActivity<int, long>
{
    public override Task<long> RunAsync(TaskActivityContext context, int input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ledger.Record(context.InstanceId);
        return Task.FromResult((long)input * input);
    }
}

/// <summary>Fails its first two attempts per key, then returns the attempt number.</summary>
public sealed class FlakyActivity(ActivityLedger ledger) : TaskActivity<string, int>
{
    public override Task<int> RunAsync(TaskActivityContext context, string input)
    {
        var attempt = ledger.Record("flaky:" + input);
        return attempt < 3
            ? throw new InvalidOperationException("Planned failure of attempt " + attempt.ToString(System.Globalization.CultureInfo.InvariantCulture))
            : Task.FromResult(attempt);
    }
}

/// <summary>Sleeps for the step's time and returns the step number.</summary>
public sealed class StepActivity : TaskActivity<StepsInput, int>
{
    public override async Task<int> RunAsync(TaskActivityContext context, StepsInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        await Task.Delay(input.StepMilliseconds);
        return input.Steps;
    }
}

/// <summary>Counts activity executions per key (a DI singleton, so activities prove constructor injection).</summary>
public sealed class ActivityLedger
{
    private readonly ConcurrentDictionary<string, int> _counts = new(StringComparer.Ordinal);

    public int Record(string key) => _counts.AddOrUpdate(key, 1, (_, n) => n + 1);

    public int Count(string key) => _counts.TryGetValue(key, out var n) ? n : 0;
}

/// <summary>Names of the toy tasks and their registration.</summary>
public static class ToyTasks
{
    public const string Toy = "Toy";
    public const string Approval = "Approval";
    public const string Steps = "Steps";
    public const string Square = "Square";
    public const string Flaky = "Flaky";
    public const string Step = "Step";
    public const string ApproveEvent = "Approve";

    public static DurableTaskRegistry AddToyTasks(this DurableTaskRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        return registry
            .AddOrchestrator<ToyOrchestrator>(Toy)
            .AddOrchestrator<ApprovalOrchestrator>(Approval)
            .AddOrchestrator<StepsOrchestrator>(Steps)
            .AddActivity<SquareActivity>(Square)
            .AddActivity<FlakyActivity>(Flaky)
            .AddActivity<StepActivity>(Step);
    }
}
