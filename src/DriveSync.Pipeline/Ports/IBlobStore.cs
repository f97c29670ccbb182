namespace DriveSync.Pipeline.Ports;

/// <summary>
/// The pipeline's one view of blob storage: the few operations runs need, nothing more.
/// Implemented over Azure.Storage.Blobs (<see cref="Adapters.AzureBlobStore"/>).
/// </summary>
public interface IBlobStore
{
    /// <summary>Creates the container when it does not exist.</summary>
    Task EnsureContainerAsync(string container, CancellationToken cancellationToken);

    /// <summary>The blob's content and ETag, or <c>null</c> when it does not exist.</summary>
    Task<StoredBlob?> ReadAsync(string container, string name, CancellationToken cancellationToken);

    /// <summary>
    /// Writes a block blob under a condition. Returns the new ETag, or <c>null</c> when the
    /// condition failed (the blob exists for <see cref="WriteCondition.IfAbsent"/>, or its ETag
    /// changed for <see cref="WriteCondition.IfMatch"/>).
    /// </summary>
    Task<string?> WriteAsync(string container, string name, Stream content, BlobWriteOptions options, CancellationToken cancellationToken);

    /// <summary>The blob's metadata, or <c>null</c> when it does not exist.</summary>
    Task<IReadOnlyDictionary<string, string>?> GetMetadataAsync(string container, string name, CancellationToken cancellationToken);

    /// <summary>One page of blob names under a prefix, in name order; empty when the container does not exist.</summary>
    Task<BlobNamePage> ListAsync(string container, string prefix, string? marker, int pageSize, CancellationToken cancellationToken);

    /// <summary>Deletes the blob; no error when it does not exist.</summary>
    Task DeleteAsync(string container, string name, CancellationToken cancellationToken);

    /// <summary>
    /// Acquires (or renews, when <paramref name="leaseId"/> already holds it) a lease on the blob,
    /// creating an empty blob first when needed. False when another lease id holds it.
    /// </summary>
    Task<bool> AcquireLeaseAsync(string container, string name, string leaseId, TimeSpan duration, CancellationToken cancellationToken);

    /// <summary>Ends whatever lease the blob has at once; no error when it has none.</summary>
    Task BreakLeaseAsync(string container, string name, CancellationToken cancellationToken);

    /// <summary>What to do about a failure of the store (after its own pipeline has retried).</summary>
    FailureKind Classify(Exception exception);

    /// <summary>Releases the lease; no error when it is no longer held by <paramref name="leaseId"/>.</summary>
    Task ReleaseLeaseAsync(string container, string name, string leaseId, CancellationToken cancellationToken);
}

/// <summary>A blob's content and ETag.</summary>
public sealed record StoredBlob(BinaryData Content, string ETag);

/// <summary>A page of blob names and the marker of the next page.</summary>
public sealed record BlobNamePage(IReadOnlyList<string> Names, string? NextMarker);

/// <summary>The concurrency condition of a write.</summary>
public enum WriteCondition
{
    /// <summary>Always write.</summary>
    None,

    /// <summary>Write only when no blob has that name (If-None-Match: *).</summary>
    IfAbsent,

    /// <summary>Write only when the blob's ETag is <see cref="BlobWriteOptions.ETag"/> (If-Match).</summary>
    IfMatch,
}

/// <summary>How a blob is written.</summary>
public sealed record BlobWriteOptions(
    WriteCondition Condition = WriteCondition.None,
    string? ETag = null,
    string ContentType = "application/octet-stream",
    IReadOnlyDictionary<string, string>? Metadata = null)
{
    public static BlobWriteOptions Overwrite { get; } = new();

    public static BlobWriteOptions Json(WriteCondition condition = WriteCondition.None, string? etag = null) =>
        new(condition, etag, "application/json");
}
