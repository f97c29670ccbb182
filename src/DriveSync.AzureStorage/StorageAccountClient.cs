using Azure.Core;
using Azure.Identity;
using DriveSync.AzureStorage.Internal;

namespace DriveSync.AzureStorage;

/// <summary>
/// Entry point: one Azure.Core pipeline per account (retries, logging, telemetry, authorization), handing out
/// container and queue clients. Thread-safe; create one per account and share it.
/// </summary>
public sealed class StorageAccountClient
{
    private readonly StorageRestPipeline _pipeline;

    /// <summary>A client for <paramref name="connection"/>. <paramref name="timeProvider"/> dates Shared Key signatures (default: system clock).</summary>
    /// <exception cref="ArgumentException">The retry, timeout or block settings of <paramref name="options"/> are invalid.</exception>
    public StorageAccountClient(StorageConnection connection, StorageClientOptions? options = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(connection);
        options ??= new StorageClientOptions();
        options.EnsureTransportValid();
        Connection = connection;
        _pipeline = new StorageRestPipeline(connection, options, timeProvider ?? TimeProvider.System);
    }

    /// <summary>The account this client talks to.</summary>
    public StorageConnection Connection { get; }

    /// <summary>
    /// A client from validated options: the connection string when set, else the service URIs with
    /// <paramref name="credential"/> (default <see cref="DefaultAzureCredential"/>, i.e. managed identity on Azure).
    /// </summary>
    /// <exception cref="ArgumentException">The options are invalid; the message names each bad setting.</exception>
    public static StorageAccountClient Create(StorageClientOptions options, TokenCredential? credential = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = options.Validate();
        if (errors.Count > 0)
        {
            throw new ArgumentException("Invalid storage settings: " + string.Join(" ", errors), nameof(options));
        }

        var connection = !string.IsNullOrWhiteSpace(options.ConnectionString)
            ? StorageConnection.Parse(options.ConnectionString)
            : StorageConnection.FromTokenCredential(options.BlobServiceUri!, options.QueueServiceUri!, credential ?? new DefaultAzureCredential());
        return new StorageAccountClient(connection, options, timeProvider);
    }

    /// <summary>A client for container <paramref name="containerName"/> (3–63 lowercase letters, digits, hyphens).</summary>
    public BlobContainerClient GetBlobContainerClient(string containerName) => new(_pipeline, Connection.BlobEndpoint, containerName);

    /// <summary>A client for queue <paramref name="queueName"/> (3–63 lowercase letters, digits, hyphens).</summary>
    public QueueClient GetQueueClient(string queueName) => new(_pipeline, Connection.QueueEndpoint, queueName);
}
