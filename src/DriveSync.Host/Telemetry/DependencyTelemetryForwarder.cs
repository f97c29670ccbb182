using System.Diagnostics;
using System.Globalization;
using DriveSync.Sanitization.Redaction;
using Microsoft.ApplicationInsights;
using Microsoft.ApplicationInsights.DataContracts;

namespace DriveSync.Host.Telemetry;

/// <summary>
/// Turns HttpClient's own activities (source <c>System.Net.Http</c>) for Drive and Storage calls into Application
/// Insights dependency telemetry: type, host, method and path (query strings never, so no SAS or token), duration,
/// status. Other HTTP calls, including telemetry uploads, are ignored.
/// </summary>
public sealed class DependencyTelemetryForwarder : IDisposable
{
    /// <summary>The activity source of HttpClient.</summary>
    public const string HttpClientSource = "System.Net.Http";

    private readonly TelemetryClient client;
    private readonly DependencyTargets targets;
    private readonly ActivityListener listener;

    /// <summary>Starts listening.</summary>
    public DependencyTelemetryForwarder(TelemetryClient client, DependencyTargets targets)
    {
        this.client = client;
        this.targets = targets;
        listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == HttpClientSource,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = OnStopped,
        };
        ActivitySource.AddActivityListener(listener);
    }

    /// <inheritdoc />
    public void Dispose() => listener.Dispose();

    private void OnStopped(Activity activity)
    {
        if (activity.GetTagItem("url.full") is not string url || !Uri.TryCreate(url, UriKind.Absolute, out var uri) || targets.Classify(uri) is not { } type)
        {
            return;
        }

        var method = activity.GetTagItem("http.request.method") as string ?? "GET";
        var status = Convert.ToInt32(activity.GetTagItem("http.response.status_code") ?? 0, CultureInfo.InvariantCulture);
        var path = PiiScrubber.Scrub(uri.AbsolutePath) ?? string.Empty;
        var telemetry = new DependencyTelemetry
        {
            Type = type,
            Target = uri.IsDefaultPort ? uri.Host : $"{uri.Host}:{uri.Port}",
            Name = $"{method} {path}",
            Data = $"{uri.Scheme}://{uri.Authority}{path}",
            Timestamp = activity.StartTimeUtc,
            Duration = activity.Duration,
            ResultCode = status == 0 ? "Faulted" : status.ToString(CultureInfo.InvariantCulture),
            Success = status is > 0 and < 400,
        };
        client.TrackDependency(telemetry);
    }
}
