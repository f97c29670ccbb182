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

        if (ShutdownTimeout <= TimeSpan.Zero || ShutdownTimeout > TimeSpan.FromMinutes(10))
        {
            yield return "DriveSync:Serve:ShutdownTimeout must be between 00:00:01 and 00:10:00.";
        }
    }
}
