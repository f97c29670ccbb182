using System.Diagnostics;
using DriveSync.Sanitization.Redaction;
using OpenTelemetry;

namespace DriveSync.Telemetry;

/// <summary>
/// Drops the query string (SAS tokens, page tokens, function keys) from every exported span's <c>url.full</c> and
/// scrubs its path, so an outgoing call's URL carries neither credentials nor personal data.
/// </summary>
public sealed class UrlScrubbingProcessor : BaseProcessor<Activity>
{
    /// <summary>The span attribute holding the full URL (OpenTelemetry HTTP semantic conventions).</summary>
    public const string UrlAttribute = "url.full";

    /// <inheritdoc />
    public override void OnEnd(Activity data)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (data.GetTagItem(UrlAttribute) is string url)
        {
            data.SetTag(UrlAttribute, Scrub(url));
        }
    }

    /// <summary><paramref name="url"/> as exported: scheme, authority and scrubbed path; anything unparseable is dropped whole.</summary>
    public static string Scrub(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri)
            ? $"{uri.Scheme}://{uri.Authority}{PiiScrubber.Scrub(uri.AbsolutePath)}"
            : string.Empty;
}
