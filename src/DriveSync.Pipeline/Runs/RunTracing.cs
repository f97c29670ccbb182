using System.Diagnostics;

namespace DriveSync.Pipeline.Runs;

/// <summary>
/// The pipeline's one activity source, <see cref="SourceName"/>: a span per run (<see cref="Run"/>, the trace's root,
/// opened by the starter), per listed page, per batch, per file and for the finalizer. The run span's W3C
/// <c>traceparent</c> travels in the orchestration's input and from there in every activity's input, so each activity's
/// span is the run's child wherever the engine runs it: one run is one trace. The run span itself lasts as long as the
/// start (claim and schedule); the run's length is in its RunCompleted event. Spans carry ids, numbers and outcomes
/// only, never names or content; a failed span records its exception's type, not its message.
/// </summary>
public static class RunTracing
{
    /// <summary>The activity source's name.</summary>
    public const string SourceName = "DriveSync.Pipeline";

    /// <summary>The span of a whole run (root of its trace).</summary>
    public const string Run = "drivesync.run";

    /// <summary>The span of one ListPage activity.</summary>
    public const string Page = "drivesync.page";

    /// <summary>The span of one ProcessBatch activity.</summary>
    public const string Batch = "drivesync.batch";

    /// <summary>The span of one file of a batch (download, sanitize, upload).</summary>
    public const string File = "drivesync.file";

    /// <summary>The span of the FinalizeRun activity.</summary>
    public const string Finalize = "drivesync.finalize";

    /// <summary>The run id attribute of every span.</summary>
    public const string RunIdTag = "drivesync.run_id";

    private static readonly ActivitySource Source = new(SourceName);

    /// <summary>
    /// Opens a run's span as the root of a new trace (linked to the caller's span, if any) and makes it current, or
    /// returns null when nothing listens. Call it from an async method: the caller's current span is back when it returns.
    /// </summary>
    public static Activity? StartRun(string trigger)
    {
        var caller = Activity.Current;
        Activity.Current = null;
        var links = caller is null ? null : new[] { new ActivityLink(caller.Context) };
        var activity = Source.StartActivity(Run, ActivityKind.Internal, default(ActivityContext), links: links);
        if (activity is null)
        {
            Activity.Current = caller;
            return null;
        }
        activity.SetTag("drivesync.trigger", trigger);
        return activity;
    }

    /// <summary>
    /// Opens a span as the child of <paramref name="traceParent"/> (a W3C <c>traceparent</c> carried in an activity's input),
    /// or of the current span when it is null or malformed. Null when nothing listens.
    /// </summary>
    public static Activity? StartChild(string name, string runId, string? traceParent)
    {
        var activity = ActivityContext.TryParse(traceParent, null, out var parent)
            ? Source.StartActivity(name, ActivityKind.Internal, parent)
            : Source.StartActivity(name, ActivityKind.Internal);
        activity?.SetTag(RunIdTag, runId);
        return activity;
    }

    /// <summary>
    /// Runs <paramref name="work"/> inside a span opened by <see cref="StartChild"/> (the span, null when nothing listens,
    /// is handed to it for its tags) and marks the span failed when the work throws (the exception goes on).
    /// </summary>
    public static async Task<T> InSpanAsync<T>(string name, string runId, string? traceParent, Func<Activity?, Task<T>> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        using var span = StartChild(name, runId, traceParent);
        try
        {
            return await work(span);
        }
        catch (Exception exception)
        {
            Fail(span, exception);
            throw;
        }
    }

    /// <summary>Opens a span as the child of the current one (a file inside its batch). Null when nothing listens.</summary>
    public static Activity? StartNested(string name) => Source.StartActivity(name, ActivityKind.Internal);

    /// <summary>The W3C <c>traceparent</c> of <paramref name="activity"/>, to carry across the engine; null without one.</summary>
    public static string? TraceParentOf(Activity? activity) =>
        activity is { IdFormat: ActivityIdFormat.W3C } ? activity.Id : null;

    /// <summary>Marks <paramref name="activity"/> failed with the exception's type name (its message may hold personal data).</summary>
    public static void Fail(Activity? activity, Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        activity?.SetStatus(ActivityStatusCode.Error, exception.GetType().Name);
    }
}
