using System.Collections.Concurrent;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using DriveSync.Pipeline.Ports;
using DriveSync.Pipeline.Storage;

namespace DriveSync.Pipeline.Adapters;

/// <summary><see cref="IBlobStore"/> over Azure.Storage.Blobs; the one place the pipeline's blob calls meet the SDK.</summary>
public sealed class AzureBlobStore(StorageAccountClients account) : IBlobStore
{
    private readonly ConcurrentDictionary<string, BlobContainerClient> _containers = new(StringComparer.Ordinal);

    public async Task EnsureContainerAsync(string container, CancellationToken cancellationToken) =>
        await Container(container).CreateIfNotExistsAsync(cancellationToken: cancellationToken);

    public async Task<StoredBlob?> ReadAsync(string container, string name, CancellationToken cancellationToken)
    {
        try
        {
            var download = await Container(container).GetBlobClient(name).DownloadContentAsync(cancellationToken);
            return new StoredBlob(download.Value.Content, download.Value.Details.ETag.ToString());
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }

    public async Task<string?> WriteAsync(string container, string name, Stream content, BlobWriteOptions options, CancellationToken cancellationToken)
    {
        if (options.Metadata is not null)
        {
            BlobMetadataRules.Validate(options.Metadata);
        }

        var conditions = options.Condition switch
        {
            WriteCondition.IfAbsent => new BlobRequestConditions { IfNoneMatch = ETag.All },
            WriteCondition.IfMatch => new BlobRequestConditions { IfMatch = new ETag(options.ETag ?? throw new ArgumentException("IfMatch needs an ETag.", nameof(options))) },
            _ => null,
        };
        var upload = new BlobUploadOptions
        {
            HttpHeaders = new BlobHttpHeaders { ContentType = options.ContentType },
            Metadata = options.Metadata?.ToDictionary(StringComparer.OrdinalIgnoreCase),
            Conditions = conditions,
            TransferOptions = account.TransferOptions,
        };
        try
        {
            var info = await Container(container).GetBlobClient(name).UploadAsync(content, upload, cancellationToken);
            return info.Value.ETag.ToString();
        }
        catch (RequestFailedException e) when (conditions is not null && IsConditionFailure(e))
        {
            return null;
        }
    }

    public async Task<IReadOnlyDictionary<string, string>?> GetMetadataAsync(string container, string name, CancellationToken cancellationToken)
    {
        try
        {
            var properties = await Container(container).GetBlobClient(name).GetPropertiesAsync(cancellationToken: cancellationToken);
            return new Dictionary<string, string>(properties.Value.Metadata, StringComparer.OrdinalIgnoreCase);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }

    public async Task<BlobNamePage> ListAsync(string container, string prefix, string? marker, int pageSize, CancellationToken cancellationToken)
    {
        try
        {
            var pages = Container(container)
                .GetBlobsAsync(new GetBlobsOptions { Prefix = string.IsNullOrEmpty(prefix) ? null : prefix }, cancellationToken)
                .AsPages(string.IsNullOrEmpty(marker) ? null : marker, pageSize);
            await foreach (var page in pages)
            {
                return new BlobNamePage(page.Values.Select(i => i.Name).ToList(), string.IsNullOrEmpty(page.ContinuationToken) ? null : page.ContinuationToken);
            }

            return new BlobNamePage([], null);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return new BlobNamePage([], null);
        }
    }

    public async Task DeleteAsync(string container, string name, CancellationToken cancellationToken) =>
        await Container(container).GetBlobClient(name).DeleteIfExistsAsync(cancellationToken: cancellationToken);

    public async Task<bool> AcquireLeaseAsync(string container, string name, string leaseId, TimeSpan duration, CancellationToken cancellationToken)
    {
        var blob = Container(container).GetBlobClient(name);
        try
        {
            using var empty = new MemoryStream();
            await blob.UploadAsync(empty, new BlobUploadOptions { Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All } }, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412)
        {
            // The lease blob exists already (and may be leased).
        }

        var lease = blob.GetBlobLeaseClient(leaseId);
        try
        {
            await lease.AcquireAsync(duration, cancellationToken: cancellationToken);
            return true;
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            try
            {
                await lease.RenewAsync(cancellationToken: cancellationToken);
                return true;
            }
            catch (RequestFailedException renew) when (renew.Status == 409)
            {
                return false;
            }
        }
    }

    public async Task ReleaseLeaseAsync(string container, string name, string leaseId, CancellationToken cancellationToken)
    {
        try
        {
            await Container(container).GetBlobClient(name).GetBlobLeaseClient(leaseId).ReleaseAsync(cancellationToken: cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status is 404 or 409 or 412)
        {
            // Not held by this lease id any more: nothing to release.
        }
    }

    public async Task BreakLeaseAsync(string container, string name, CancellationToken cancellationToken)
    {
        try
        {
            await Container(container).GetBlobClient(name).GetBlobLeaseClient().BreakAsync(TimeSpan.Zero, cancellationToken: cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status is 404 or 409)
        {
            // No lease to break.
        }
    }

    public FailureKind Classify(Exception exception) => StorageFailureClassifier.Classify(exception);

    /// <summary>412 (an If-Match ETag changed) or 409 BlobAlreadyExists (If-None-Match: * found a blob).</summary>
    private static bool IsConditionFailure(RequestFailedException e) =>
        e.Status == 412 || (e.Status == 409 && e.ErrorCode == BlobErrorCode.BlobAlreadyExists.ToString());

    private BlobContainerClient Container(string name) => _containers.GetOrAdd(name, account.Blobs.GetBlobContainerClient);
}
