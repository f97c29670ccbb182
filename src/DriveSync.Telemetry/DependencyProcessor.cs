using System.Diagnostics;
using OpenTelemetry;

namespace DriveSync.Telemetry;

/// <summary>
/// Shapes HttpClient's spans (source <c>System.Net.Http</c>) before they are exported: a call made inside a traced
/// operation (a run, a page, a batch, a file) gets its dependency type (<see cref="DependencyTypes"/>: Google Drive,
/// Azure blob, queue or table) in <see cref="DependencyTypeAttribute"/>, which Application Insights shows as the
/// dependency's type; a call outside any recorded span (the engine polling its queues and tables, an API request or the
/// status page, which have no span of ours) is not exported, so idle hours cost nothing and every exported dependency
/// belongs to a run's trace (or to a caller's, when the parent came from another process).
/// Runs after <see cref="UrlScrubbingProcessor"/> and before the exporters.
/// </summary>
public sealed class DependencyProcessor(DependencyTypes types) : BaseProcessor<Activity>
{
    /// <summary>Azure Monitor's override of a dependency's type.</summary>
    public const string DependencyTypeAttribute = "microsoft.dependency.type";

    /// <inheritdoc />
    public override void OnEnd(Activity data)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (data.Source.Name != OpenTelemetryServiceCollectionExtensions.HttpClientSource)
        {
            return;
        }

        if (data.ParentSpanId == default || data.Parent is { Recorded: false })
        {
            data.ActivityTraceFlags &= ~ActivityTraceFlags.Recorded;
            return;
        }

        if (data.GetTagItem(UrlScrubbingProcessor.UrlAttribute) is string url && Uri.TryCreate(url, UriKind.Absolute, out var uri)
            && types.Classify(uri) is { } type)
        {
            data.SetTag(DependencyTypeAttribute, type);
        }
    }
}
