using System.Text;
using System.Text.Json;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;

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
        await container.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        var lockBlob = container.GetBlobClient(LockBlob);
        if (await lockBlob.ExistsAsync(cancellationToken))
        {
            return;
        }

        try
        {
            using var empty = new MemoryStream();
            await lockBlob.UploadAsync(empty, new BlobUploadOptions { Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All } }, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412)
        {
            // Another process created it first (it may hold a lease on it already): the blob exists, which is all this method promises.
        }
    }

    /// <summary>Takes the lock for <paramref name="duration"/>; null when another process holds it.</summary>
    public async Task<string?> TryLockAsync(TimeSpan duration, CancellationToken cancellationToken)
    {
        try
        {
            var lease = await container.GetBlobClient(LockBlob).GetBlobLeaseClient().AcquireAsync(duration, cancellationToken: cancellationToken);
            return lease.Value.LeaseId;
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            return null;
        }
    }

    /// <summary>Releases the lock taken by <see cref="TryLockAsync"/>; a lease that already lapsed counts as released.</summary>
    public async Task UnlockAsync(string leaseId, CancellationToken cancellationToken)
    {
        try
        {
            await container.GetBlobClient(LockBlob).GetBlobLeaseClient(leaseId).ReleaseAsync(cancellationToken: cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            // The lease expired and maybe went to another process: the lock is no longer ours, which is what releasing wants.
        }
    }

    /// <summary>The marker and its ETag; both null before the first write.</summary>
    public async Task<(TimerMarker? Marker, ETag? ETag)> ReadMarkerAsync(CancellationToken cancellationToken)
    {
        try
        {
            var download = await container.GetBlobClient(MarkerBlob).DownloadContentAsync(cancellationToken);
            return (download.Value.Content.ToObjectFromJson<TimerMarker>(Json), download.Value.Details.ETag);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return (null, null);
        }
    }

    /// <summary>Writes the marker if it still has <paramref name="expected"/> (null: if it does not exist); false when another process wrote first.</summary>
    public async Task<bool> TryWriteMarkerAsync(TimerMarker marker, ETag? expected, CancellationToken cancellationToken)
    {
        var conditions = expected is { } etag ? new BlobRequestConditions { IfMatch = etag } : new BlobRequestConditions { IfNoneMatch = ETag.All };
        using var content = new MemoryStream(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(marker, Json)));
        try
        {
            await container.GetBlobClient(MarkerBlob).UploadAsync(
                content, new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = "application/json" }, Conditions = conditions }, cancellationToken);
            return true;
        }
        catch (RequestFailedException e) when (e.Status == 412 || (e.Status == 409 && e.ErrorCode == BlobErrorCode.BlobAlreadyExists.ToString()))
        {
            return false;
        }
    }
}
