namespace DriveSync.Host.Hosting;

/// <summary>Settings of <c>drivesync serve</c>, section <c>DriveSync:Serve</c>.</summary>
public sealed class ServeOptions
{
    /// <summary>The configuration section these options bind to.</summary>
    public const string SectionName = "DriveSync:Serve";

    /// <summary>Addresses Kestrel listens on, separated by ';'. Default <c>http://127.0.0.1:7071</c>; <c>--urls</c> sets it.</summary>
    public string Urls { get; set; } = "http://127.0.0.1:7071";

    /// <summary>Whether this process runs orchestrations and activities of the task hub. Default true; false makes an API-and-timer-only process (a client of the task hub).</summary>
    public bool RunWorkers { get; set; } = true;

    /// <summary>How long a stopping host waits for in-flight requests and workers. Default 30 seconds.</summary>
    public TimeSpan ShutdownTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The address callers reach this process at (e.g. <c>https://drivesync.example.org/</c>), used for every URL the
    /// API hands out (<c>statusQueryGetUri</c>, <c>Location</c>, …). Default: none; then URLs use a trusted proxy's
    /// <c>X-Forwarded-Proto</c>/<c>X-Forwarded-Host</c>, else the address the connection arrived at. The request's own
    /// <c>Host</c> header is never used.
    /// </summary>
    public string? PublicBaseUrl { get; set; }

    /// <summary>
    /// IP addresses of reverse proxies whose <c>X-Forwarded-Proto</c>, <c>X-Forwarded-Host</c> and
    /// <c>X-Forwarded-Prefix</c> headers are believed (ignored from anyone else). Default: none.
    /// Environment form: <c>DriveSync__Serve__TrustedProxies__0=10.0.0.4</c>.
    /// </summary>
    public List<string> TrustedProxies { get; set; } = [];

    /// <summary>The messages naming each invalid setting; empty when the options are valid.</summary>
    public IEnumerable<string> Validate()
    {
        var urls = Urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (urls.Length == 0)
        {
            yield return "DriveSync:Serve:Urls must name at least one address, e.g. http://127.0.0.1:7071.";
        }

        foreach (var url in urls)
        {
            if (!Uri.TryCreate(url.Replace("://*", "://localhost", StringComparison.Ordinal).Replace("://+", "://localhost", StringComparison.Ordinal), UriKind.Absolute, out var uri)
                || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            {
                yield return $"DriveSync:Serve:Urls holds '{url}', which is not an http:// or https:// address.";
            }
        }

        if (!string.IsNullOrEmpty(PublicBaseUrl)
            && (!Uri.TryCreate(PublicBaseUrl, UriKind.Absolute, out var publicBase) || (publicBase.Scheme != Uri.UriSchemeHttp && publicBase.Scheme != Uri.UriSchemeHttps)
                || !string.IsNullOrEmpty(publicBase.Query) || !string.IsNullOrEmpty(publicBase.Fragment)))
        {
            yield return $"DriveSync:Serve:PublicBaseUrl holds '{PublicBaseUrl}', which is not an absolute http:// or https:// address without query or fragment.";
        }

        for (var i = 0; i < TrustedProxies.Count; i++)
        {
            if (!System.Net.IPAddress.TryParse(TrustedProxies[i], out _))
            {
                yield return $"DriveSync:Serve:TrustedProxies:{i} holds '{TrustedProxies[i]}', which is not an IP address.";
            }
        }

        if (ShutdownTimeout <= TimeSpan.Zero || ShutdownTimeout > TimeSpan.FromMinutes(10))
        {
            yield return "DriveSync:Serve:ShutdownTimeout must be between 00:00:01 and 00:10:00.";
        }
    }
}
