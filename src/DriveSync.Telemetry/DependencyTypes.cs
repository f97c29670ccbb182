namespace DriveSync.Telemetry;

/// <summary>
/// Tells which outgoing HTTP calls are Drive calls and which are Storage calls (blob, queue, table), by the configured
/// endpoints (<c>DriveSync:Drive:BaseUri</c>; <c>DriveSync:Storage:ConnectionString</c>'s endpoints or
/// <c>…:BlobServiceUri</c>, <c>…:QueueServiceUri</c>, <c>…:TableServiceUri</c>) and then by Google's and Azure's public host names.
/// </summary>
public sealed class DependencyTypes(IReadOnlyList<(Uri BaseUri, string Type)> endpoints)
{
    /// <summary>The dependency type of Drive calls.</summary>
    public const string Drive = "Google Drive";

    /// <summary>The dependency type of Blob calls (Application Insights' own name).</summary>
    public const string Blob = "Azure blob";

    /// <summary>The dependency type of Queue calls (Application Insights' own name).</summary>
    public const string Queue = "Azure queue";

    /// <summary>The dependency type of Table calls (Application Insights' own name).</summary>
    public const string Table = "Azure table";

    private static readonly (string Key, string Type, int DevelopmentPort)[] StorageServices =
        [("BlobEndpoint", Blob, 10000), ("QueueEndpoint", Queue, 10001), ("TableEndpoint", Table, 10002)];

    /// <summary>The endpoints named in <paramref name="configuration"/>; a malformed value is skipped (its own options report it).</summary>
    public static DependencyTypes FromConfiguration(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var endpoints = new List<(Uri, string)>();
        Add(endpoints, configuration["DriveSync:Drive:BaseUri"], Drive);
        var parts = (configuration["DriveSync:Storage:ConnectionString"] ?? string.Empty)
            .Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(part => part.Split('=', 2))
            .Where(pair => pair.Length == 2)
            .GroupBy(pair => pair[0], StringComparer.OrdinalIgnoreCase)
            .ToDictionary(group => group.Key, group => group.Last()[1], StringComparer.OrdinalIgnoreCase);
        var development = parts.TryGetValue("UseDevelopmentStorage", out var flag) && bool.TryParse(flag, out var on) && on;
        foreach (var (key, type, port) in StorageServices)
        {
            Add(endpoints, parts.GetValueOrDefault(key), type);
            if (development)
                Add(endpoints, $"http://127.0.0.1:{port}/", type);
        }

        Add(endpoints, configuration["DriveSync:Storage:BlobServiceUri"], Blob);
        Add(endpoints, configuration["DriveSync:Storage:QueueServiceUri"], Queue);
        Add(endpoints, configuration["DriveSync:Storage:TableServiceUri"], Table);
        return new DependencyTypes(endpoints);
    }

    /// <summary>The dependency type of a call to <paramref name="uri"/>, or null when it is neither Drive nor Storage.</summary>
    public string? Classify(Uri uri)
    {
        ArgumentNullException.ThrowIfNull(uri);
        foreach (var (baseUri, type) in endpoints)
        {
            if (string.Equals(uri.Host, baseUri.Host, StringComparison.OrdinalIgnoreCase) && uri.Port == baseUri.Port
                && uri.AbsolutePath.StartsWith(baseUri.AbsolutePath, StringComparison.Ordinal))
            {
                return type;
            }
        }

        var host = uri.Host;
        return host.EndsWith(".googleapis.com", StringComparison.OrdinalIgnoreCase) ? Drive
            : host.Contains(".blob.core.", StringComparison.OrdinalIgnoreCase) ? Blob
            : host.Contains(".queue.core.", StringComparison.OrdinalIgnoreCase) ? Queue
            : host.Contains(".table.core.", StringComparison.OrdinalIgnoreCase) ? Table
            : null;
    }

    private static void Add(List<(Uri, string)> endpoints, string? value, string type)
    {
        if (Uri.TryCreate(value, UriKind.Absolute, out var uri))
            endpoints.Add((uri, type));
    }
}
