using System.Text;
using System.Text.Json;
using Azure;
using DriveSync.AzureStorage;

namespace DriveSync.Host.Timer;

/// <summary>
/// The timer's shared state in Blob Storage: a lock blob whose lease makes one process at a time decide and fire,
/// and a "last fired" marker blob written by compare-and-swap on its ETag.
/// </summary>
public sealed class TimerStateStore(BlobContainerClient container)
{
    private const string LockBlob = "timer/schedule.lock";
    private const string MarkerBlob = "timer/last-fired.json";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Creates the container and the lock blob when they do not exist yet.</summary>
    public async Task EnsureCreatedAsync(CancellationToken cancellationToken)
    {
        await container.CreateIfNotExistsAsync(cancellationToken);
        if (await container.GetPropertiesAsync(LockBlob, cancellationToken: cancellationToken) is not null)
        {
            return;
        }

        try
        {
            using var empty = new MemoryStream();
            await container.UploadAsync(LockBlob, empty, new BlobUploadOptions { Conditions = BlobRequestConditions.IfNotExists() }, cancellationToken);
        }
        catch (StoragePreconditionFailedException)
        {
            // Another process created it first: the blob exists, which is all this method promises.
        }
    }

    /// <summary>Takes the lock for <paramref name="duration"/>; null when another process holds it.</summary>
    public async Task<string?> TryLockAsync(TimeSpan duration, CancellationToken cancellationToken)
    {
        try
        {
            var lease = await container.AcquireLeaseAsync(LockBlob, duration, cancellationToken: cancellationToken);
            return lease.LeaseId;
        }
        catch (StorageLeaseConflictException)
        {
            return null;
        }
    }

    /// <summary>Releases the lock taken by <see cref="TryLockAsync"/>; a lease that already lapsed counts as released.</summary>
    public async Task UnlockAsync(string leaseId, CancellationToken cancellationToken)
    {
        try
        {
            await container.ReleaseLeaseAsync(LockBlob, leaseId, cancellationToken);
        }
        catch (StorageLeaseConflictException)
        {
            // The lease expired and maybe went to another process: the lock is no longer ours, which is what releasing wants.
        }
    }

    /// <summary>The marker and its ETag; both null before the first write.</summary>
    public async Task<(TimerMarker? Marker, ETag? ETag)> ReadMarkerAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var download = await container.DownloadAsync(MarkerBlob, cancellationToken: cancellationToken);
            var marker = await JsonSerializer.DeserializeAsync<TimerMarker>(download.Content, Json, cancellationToken);
            return (marker, download.Properties.ETag);
        }
        catch (StorageNotFoundException)
        {
            return (null, null);
        }
    }

    /// <summary>Writes the marker if it still has <paramref name="expected"/> (null: if it does not exist); false when another process wrote first.</summary>
    public async Task<bool> TryWriteMarkerAsync(TimerMarker marker, ETag? expected, CancellationToken cancellationToken)
    {
        var conditions = expected is { } etag ? BlobRequestConditions.MatchingETag(etag) : BlobRequestConditions.IfNotExists();
        using var content = new MemoryStream(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(marker, Json)));
        try
        {
            await container.UploadAsync(MarkerBlob, content, new BlobUploadOptions { ContentType = "application/json", Conditions = conditions }, cancellationToken);
            return true;
        }
        catch (StoragePreconditionFailedException)
        {
            return false;
        }
    }
}
