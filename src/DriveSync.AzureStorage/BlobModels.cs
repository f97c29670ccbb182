using Azure;

namespace DriveSync.AzureStorage;

/// <summary>What a successful upload wrote.</summary>
public sealed record BlobContentInfo(ETag ETag, DateTimeOffset LastModified, long ContentLength);

/// <summary>Properties and user metadata of a blob.</summary>
public sealed record BlobProperties(
    ETag ETag,
    DateTimeOffset LastModified,
    long ContentLength,
    string? ContentType,
    IReadOnlyDictionary<string, string> Metadata,
    BlobLeaseState LeaseState);

/// <summary>Lease state of a blob, as the service reports it.</summary>
public enum BlobLeaseState
{
    /// <summary>No lease; a lease can be acquired.</summary>
    Available,

    /// <summary>Leased; writes need the lease id.</summary>
    Leased,

    /// <summary>The lease's duration ran out; a lease can be acquired.</summary>
    Expired,

    /// <summary>The lease is being broken; it can't be renewed.</summary>
    Breaking,

    /// <summary>The lease was broken; a lease can be acquired.</summary>
    Broken,
}

/// <summary>One blob of a listing.</summary>
public sealed record BlobItem(
    string Name,
    ETag ETag,
    DateTimeOffset LastModified,
    long ContentLength,
    string? ContentType,
    IReadOnlyDictionary<string, string> Metadata);

/// <summary>One page of a listing; <see cref="NextMarker"/> is null on the last page.</summary>
public sealed record BlobPage(IReadOnlyList<BlobItem> Items, string? NextMarker);

/// <summary>A held lease: its id and the blob's ETag when it was granted.</summary>
public sealed record BlobLease(string LeaseId, ETag ETag, DateTimeOffset LastModified);

/// <summary>Options of <see cref="BlobContainerClient.UploadAsync"/>.</summary>
public sealed class BlobUploadOptions
{
    /// <summary>Content type stored with the blob. Default: none (the service reports application/octet-stream).</summary>
    public string? ContentType { get; init; }

    /// <summary>User metadata (keys: C# identifiers; values: printable ASCII). Default: none.</summary>
    public IReadOnlyDictionary<string, string>? Metadata { get; init; }

    /// <summary>Conditions the write is subject to (If-None-Match *, If-Match etag, lease id). Default: none.</summary>
    public BlobRequestConditions? Conditions { get; init; }
}

/// <summary>
/// Conditions of a blob request: the Azure.Core <see cref="RequestConditions"/> headers plus the lease id
/// that a write to a leased blob must present.
/// </summary>
public sealed class BlobRequestConditions : RequestConditions
{
    /// <summary>Lease id sent as <c>x-ms-lease-id</c>. Default: none.</summary>
    public string? LeaseId { get; set; }

    /// <summary>Succeeds only if the blob does not exist yet (<c>If-None-Match: *</c>).</summary>
    public static BlobRequestConditions IfNotExists() => new() { IfNoneMatch = ETag.All };

    /// <summary>Succeeds only if the blob's ETag is still <paramref name="etag"/>.</summary>
    public static BlobRequestConditions MatchingETag(ETag etag, string? leaseId = null) => new() { IfMatch = etag, LeaseId = leaseId };

    /// <summary>Presents the lease id, no other condition.</summary>
    public static BlobRequestConditions WithLease(string leaseId) => new() { LeaseId = leaseId };
}

/// <summary>A download in progress: dispose it to release the connection.</summary>
public sealed class BlobDownloadResult : IDisposable, IAsyncDisposable
{
    internal BlobDownloadResult(Stream content, BlobProperties properties)
    {
        Content = content;
        Properties = properties;
    }

    /// <summary>The blob's bytes, streamed from the network (not seekable).</summary>
    public Stream Content { get; }

    /// <summary>The blob's properties at the time of the read.</summary>
    public BlobProperties Properties { get; }

    /// <inheritdoc />
    public void Dispose() => Content.Dispose();

    /// <inheritdoc />
    public ValueTask DisposeAsync() => Content.DisposeAsync();
}
