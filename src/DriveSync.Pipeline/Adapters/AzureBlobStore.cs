using System.Collections.Concurrent;
using Azure;
using DriveSync.AzureStorage;
using DriveSync.Pipeline.Ports;

namespace DriveSync.Pipeline.Adapters;

/// <summary><see cref="IBlobStore"/> over the repository's Azure.Core blob client; the one place that knows it.</summary>
public sealed class AzureBlobStore(StorageAccountClient account) : IBlobStore
{
    private readonly ConcurrentDictionary<string, BlobContainerClient> _containers = new(StringComparer.Ordinal);

    public async Task EnsureContainerAsync(string container, CancellationToken cancellationToken) =>
        await Container(container).CreateIfNotExistsAsync(cancellationToken);

    public async Task<StoredBlob?> ReadAsync(string container, string name, CancellationToken cancellationToken)
    {
        try
        {
            await using var download = await Container(container).DownloadAsync(name, null, cancellationToken);
            var data = await BinaryData.FromStreamAsync(download.Content, cancellationToken);
            return new StoredBlob(data, download.Properties.ETag.ToString());
        }
        catch (StorageNotFoundException)
        {
            return null;
        }
    }

    public async Task<string?> WriteAsync(string container, string name, Stream content, BlobWriteOptions options, CancellationToken cancellationToken)
    {
        var conditions = options.Condition switch
        {
            WriteCondition.IfAbsent => BlobRequestConditions.IfNotExists(),
            WriteCondition.IfMatch => BlobRequestConditions.MatchingETag(new ETag(options.ETag ?? throw new ArgumentException("IfMatch needs an ETag.", nameof(options)))),
            _ => null,
        };
        var upload = new BlobUploadOptions { ContentType = options.ContentType, Metadata = options.Metadata, Conditions = conditions };
        try
        {
            var info = await Container(container).UploadAsync(name, content, upload, cancellationToken);
            return info.ETag.ToString();
        }
        catch (StoragePreconditionFailedException) when (conditions is not null)
        {
            return null;
        }
    }

    public async Task<IReadOnlyDictionary<string, string>?> GetMetadataAsync(string container, string name, CancellationToken cancellationToken) =>
        (await Container(container).GetPropertiesAsync(name, null, cancellationToken))?.Metadata;

    public async Task<BlobNamePage> ListAsync(string container, string prefix, string? marker, int pageSize, CancellationToken cancellationToken)
    {
        try
        {
            var page = await Container(container).ListBlobsPageAsync(prefix, marker, pageSize, cancellationToken);
            return new BlobNamePage(page.Items.Select(i => i.Name).ToList(), page.NextMarker);
        }
        catch (StorageNotFoundException)
        {
            return new BlobNamePage([], null);
        }
    }

    public async Task DeleteAsync(string container, string name, CancellationToken cancellationToken) =>
        await Container(container).DeleteIfExistsAsync(name, null, cancellationToken);

    public async Task<bool> AcquireLeaseAsync(string container, string name, string leaseId, TimeSpan duration, CancellationToken cancellationToken)
    {
        var client = Container(container);
        try
        {
            using var empty = new MemoryStream();
            await client.UploadAsync(name, empty, new BlobUploadOptions { Conditions = BlobRequestConditions.IfNotExists() }, cancellationToken);
        }
        catch (Exception exception) when (exception is StoragePreconditionFailedException or StorageLeaseConflictException)
        {
            // The lease blob exists already.
        }
        try
        {
            await client.AcquireLeaseAsync(name, duration, leaseId, null, cancellationToken);
            return true;
        }
        catch (StorageLeaseConflictException)
        {
            try
            {
                await client.RenewLeaseAsync(name, leaseId, cancellationToken);
                return true;
            }
            catch (StorageLeaseConflictException)
            {
                return false;
            }
        }
    }

    public async Task ReleaseLeaseAsync(string container, string name, string leaseId, CancellationToken cancellationToken)
    {
        try
        {
            await Container(container).ReleaseLeaseAsync(name, leaseId, cancellationToken);
        }
        catch (Exception exception) when (exception is StorageLeaseConflictException or StorageNotFoundException)
        {
            // Not held by this lease id any more: nothing to release.
        }
    }

    public async Task BreakLeaseAsync(string container, string name, CancellationToken cancellationToken)
    {
        try
        {
            await Container(container).BreakLeaseAsync(name, TimeSpan.Zero, cancellationToken);
        }
        catch (Exception exception) when (exception is StorageLeaseConflictException or StorageNotFoundException)
        {
            // No lease to break.
        }
    }

    public FailureKind Classify(Exception exception) => StorageFailureClassifier.Classify(exception) switch
    {
        StorageFailureAction.Retry => FailureKind.Retry,
        StorageFailureAction.SkipFile => FailureKind.SkipFile,
        _ => FailureKind.StopRun,
    };

    private BlobContainerClient Container(string name) => _containers.GetOrAdd(name, account.GetBlobContainerClient);
}
