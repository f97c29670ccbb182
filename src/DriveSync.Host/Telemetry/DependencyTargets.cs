using DriveSync.Pipeline.Storage;

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

    /// <summary>The Application Insights dependency type of Table calls.</summary>
    public const string Table = "Azure table";

    /// <summary>Builds the targets from <c>DriveSync:Drive:BaseUri</c> and the storage settings; Google's and Azure's public hosts are always known.</summary>
    public static DependencyTargets FromConfiguration(IConfiguration configuration)
    {
        var targets = new List<(Uri, string)>();
        if (Uri.TryCreate(configuration["DriveSync:Drive:BaseUri"], UriKind.Absolute, out var drive))
        {
            targets.Add((drive, Drive));
        }

        var storage = configuration.GetSection(StorageOptions.SectionName).Get<StorageOptions>() ?? new StorageOptions();
        if (!string.IsNullOrWhiteSpace(storage.ConnectionString) && StorageConnectionString.Check(storage.ConnectionString) is null)
        {
            // A malformed string is reported by the storage options' start-up validation; telemetry then knows the public hosts only.
            var clients = new StorageAccountClients(storage);
            targets.Add((Endpoint(clients.Blobs.Uri), Blob));
            targets.Add((Endpoint(clients.Queues.Uri), Queue));
            targets.Add((Endpoint(clients.Tables.Uri), Table));
        }

        if (storage.BlobServiceUri is { } blob)
        {
            targets.Add((blob, Blob));
        }

        if (storage.QueueServiceUri is { } queue)
        {
            targets.Add((queue, Queue));
        }

        if (storage.TableServiceUri is { } table)
        {
            targets.Add((table, Table));
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
            : host.Contains(".table.core.", StringComparison.OrdinalIgnoreCase) ? Table
            : null;
    }

    private static Uri Endpoint(Uri serviceUri) => new(serviceUri.GetLeftPart(UriPartial.Path));
}
