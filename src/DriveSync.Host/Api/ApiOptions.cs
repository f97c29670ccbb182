namespace DriveSync.Host.Api;

/// <summary>Settings of the HTTP API and the status page, section <c>DriveSync:Api</c>.</summary>
public sealed class ApiOptions
{
    /// <summary>The configuration section these options bind to.</summary>
    public const string SectionName = "DriveSync:Api";

    /// <summary>The shortest key accepted.</summary>
    public const int MinimumKeyLength = 16;

    /// <summary>
    /// Keys that open the API and the status page, given as the <c>x-functions-key</c> header or the <c>code</c>
    /// query parameter. Several keys allow rotation (add the new one, move callers, remove the old one).
    /// Default: none, which <c>serve</c> refuses at start-up (in Azure Functions the host's own function keys guard the
    /// HTTP triggers instead).
    /// Environment form: <c>DriveSync__Api__Keys__0</c>, <c>DriveSync__Api__Keys__1</c>.
    /// </summary>
    public List<string> Keys { get; set; } = [];

    /// <summary>The largest <c>top</c> accepted by the instance list and <c>GET /api/runs/{id}/problems</c>. Default 200.</summary>
    public int MaxPageSize { get; set; } = 200;

    /// <summary>
    /// The largest JSON request body accepted (<c>POST /api/runs</c>, raise event), in bytes. Default 4096. A longer
    /// declared body is refused with 413 before it is read; an undeclared (chunked) one as soon as it passes the cap.
    /// </summary>
    public int MaxJsonBodyBytes { get; set; } = 4096;

    /// <summary>
    /// Whether identical instance-list requests arriving together share one query of the task hub (each still gets an
    /// answer read after it arrived). Default true; false sends one query per request.
    /// </summary>
    public bool ShareConcurrentListQueries { get; set; } = true;

    /// <summary>The messages naming each invalid setting; empty when the options are valid.</summary>
    /// <param name="keysRequired">False when the Functions host authenticates callers before the app sees them.</param>
    public IEnumerable<string> Validate(bool keysRequired)
    {
        if (keysRequired && Keys.Count == 0)
        {
            yield return $"DriveSync:Api:Keys must hold at least one key of {MinimumKeyLength} or more characters (environment: DriveSync__Api__Keys__0=<key>); callers send it as the x-functions-key header or ?code=.";
        }

        for (var i = 0; i < Keys.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(Keys[i]) || Keys[i].Length < MinimumKeyLength)
            {
                yield return $"DriveSync:Api:Keys:{i} is shorter than {MinimumKeyLength} characters.";
            }
        }

        if (MaxPageSize is < 1 or > 1000)
        {
            yield return "DriveSync:Api:MaxPageSize must be between 1 and 1000.";
        }

        if (MaxJsonBodyBytes is < 256 or > 65536)
        {
            yield return "DriveSync:Api:MaxJsonBodyBytes must be between 256 and 65536.";
        }
    }
}
