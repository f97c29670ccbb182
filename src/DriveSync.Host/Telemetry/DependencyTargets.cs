using DriveSync.AzureStorage;

namespace DriveSync.Host.Telemetry;

/// <summary>Tells which outgoing HTTP calls are Drive calls and which are Storage calls, by base address.</summary>
public sealed class DependencyTargets(IReadOnlyList<(Uri BaseUri, string Type)> targets)
{
    /// <summary>The Application Insights dependency type of Drive calls.</summary>
    public const string Drive = "Google Drive";

    /// <summary>The Application Insights dependency type of Blob calls.</summary>
    public const string Blob = "Azure blob";

    /// <summary>The Application Insights dependency type of Queue calls.</summary>
    public const string Queue = "Azure queue";

    /// <summary>Builds the targets from <c>DriveSync:Drive:BaseUri</c> and the storage settings; Google's and Azure's public hosts are always known.</summary>
    public static DependencyTargets FromConfiguration(IConfiguration configuration)
    {
        var targets = new List<(Uri, string)>();
        if (Uri.TryCreate(configuration["DriveSync:Drive:BaseUri"], UriKind.Absolute, out var drive))
        {
            targets.Add((drive, Drive));
        }

        var storage = configuration.GetSection(StorageClientOptions.SectionName).Get<StorageClientOptions>() ?? new StorageClientOptions();
        if (!string.IsNullOrWhiteSpace(storage.ConnectionString))
        {
            try
            {
                var connection = StorageConnection.Parse(storage.ConnectionString);
                targets.Add((connection.BlobEndpoint, Blob));
                targets.Add((connection.QueueEndpoint, Queue));
            }
            catch (Exception exception) when (exception is FormatException or ArgumentException)
            {
                // The storage options' own start-up validation reports a malformed connection string; telemetry then knows the public hosts only.
            }
        }

        if (storage.BlobServiceUri is { } blob)
        {
            targets.Add((blob, Blob));
        }

        if (storage.QueueServiceUri is { } queue)
        {
            targets.Add((queue, Queue));
        }

        return new DependencyTargets(targets);
    }

    /// <summary>The dependency type of a call to <paramref name="uri"/>, or null when it is neither Drive nor Storage.</summary>
    public string? Classify(Uri uri)
    {
        foreach (var (baseUri, type) in targets)
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
            : null;
    }
}
