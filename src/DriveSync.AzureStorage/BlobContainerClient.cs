using System.Globalization;
using System.Runtime.CompilerServices;
using System.Xml.Linq;
using Azure;
using Azure.Core;
using DriveSync.AzureStorage.Internal;

namespace DriveSync.AzureStorage;

/// <summary>
/// One blob container: create, block-blob upload and download, properties and metadata, listing, delete and leases.
/// Get one from <see cref="StorageAccountClient.GetBlobContainerClient"/>.
/// </summary>
public sealed class BlobContainerClient
{
    private readonly StorageRestPipeline _pipeline;
    private readonly BlockBlobUploader _uploader;
    private readonly Uri _containerUri;

    internal BlobContainerClient(StorageRestPipeline pipeline, Uri blobEndpoint, string name)
    {
        StorageNames.ValidateContainerOrQueue(name, nameof(name));
        _pipeline = pipeline;
        _uploader = new BlockBlobUploader(pipeline);
        Name = name;
        _containerUri = new Uri(blobEndpoint.AbsoluteUri.TrimEnd('/') + "/" + name);
    }

    /// <summary>The container name.</summary>
    public string Name { get; }

    /// <summary>Creates the container (private access) unless it exists. True when this call created it.</summary>
    public async Task<bool> CreateIfNotExistsAsync(CancellationToken cancellationToken = default)
    {
        using var message = _pipeline.CreateMessage(RequestMethod.Put, _containerUri, ("restype", "container"));
        var response = await _pipeline.SendAsync(message, "Create Container", cancellationToken, 409).ConfigureAwait(false);
        if (response.Status == 409)
        {
            response.Headers.TryGetValue("x-ms-error-code", out var code);
            if (code != "ContainerAlreadyExists")
            {
                throw StorageErrors.FromResponse("Create Container", response, conditional: false);
            }

            return false;
        }

        return true;
    }

    /// <summary>
    /// Uploads <paramref name="content"/> (any length, seekable or not, read to its end) as a block blob.
    /// Content up to <see cref="StorageClientOptions.SingleUploadThresholdBytes"/> goes in one Put Blob;
    /// larger content is staged in blocks of <see cref="StorageClientOptions.BlockSizeBytes"/> from one pooled buffer
    /// and committed by Put Block List, which is where the conditions apply.
    /// </summary>
    /// <exception cref="StoragePreconditionFailedException">A condition (If-None-Match *, If-Match etag) did not hold.</exception>
    /// <exception cref="StorageLeaseConflictException">The blob is leased and the lease id is missing or different.</exception>
    public Task<BlobContentInfo> UploadAsync(string blobName, Stream content, BlobUploadOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        if (options?.Metadata is not null)
        {
            BlobMetadata.Validate(options.Metadata);
        }

        return _uploader.UploadAsync(BlobUri(blobName), content, options ?? new BlobUploadOptions(), cancellationToken);
    }

    /// <summary>Starts a download; the result's stream reads from the network. Dispose the result.</summary>
    /// <exception cref="StorageNotFoundException">The blob or container does not exist.</exception>
    /// <exception cref="StoragePreconditionFailedException">A condition did not hold.</exception>
    public async Task<BlobDownloadResult> DownloadAsync(string blobName, BlobRequestConditions? conditions = null, CancellationToken cancellationToken = default)
    {
        using var message = _pipeline.CreateMessage(RequestMethod.Get, BlobUri(blobName));
        message.BufferResponse = false;
        BlobHeaders.ApplyConditions(message.Request, conditions);
        var response = await _pipeline.SendAsync(message, "Get Blob", cancellationToken).ConfigureAwait(false);
        var properties = BlobHeaders.ReadProperties(response);
        var stream = message.ExtractResponseContent() ?? Stream.Null;
        return new BlobDownloadResult(stream, properties);
    }

    /// <summary>The blob's properties and metadata, or null when the blob (or its container) does not exist.</summary>
    public async Task<BlobProperties?> GetPropertiesAsync(string blobName, BlobRequestConditions? conditions = null, CancellationToken cancellationToken = default)
    {
        using var message = _pipeline.CreateMessage(RequestMethod.Head, BlobUri(blobName));
        BlobHeaders.ApplyConditions(message.Request, conditions);
        var response = await _pipeline.SendAsync(message, "Get Blob Properties", cancellationToken, 404).ConfigureAwait(false);
        return response.Status == 404 ? null : BlobHeaders.ReadProperties(response);
    }

    /// <summary>Replaces the blob's metadata; returns the new ETag.</summary>
    public async Task<ETag> SetMetadataAsync(
        string blobName, IReadOnlyDictionary<string, string> metadata, BlobRequestConditions? conditions = null, CancellationToken cancellationToken = default)
    {
        BlobMetadata.Validate(metadata);
        using var message = _pipeline.CreateMessage(RequestMethod.Put, BlobUri(blobName), ("comp", "metadata"));
        BlobHeaders.ApplyMetadata(message.Request, metadata);
        BlobHeaders.ApplyConditions(message.Request, conditions);
        var response = await _pipeline.SendAsync(message, "Set Blob Metadata", cancellationToken).ConfigureAwait(false);
        return BlobHeaders.ReadETag(response);
    }

    /// <summary>Every blob whose name starts with <paramref name="prefix"/>, in name order, following the service's continuation markers.</summary>
    public async IAsyncEnumerable<BlobItem> ListBlobsAsync(string? prefix = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        string? marker = null;
        do
        {
            var page = await ListBlobsPageAsync(prefix, marker, 5000, cancellationToken).ConfigureAwait(false);
            foreach (var item in page.Items)
            {
                yield return item;
            }

            marker = page.NextMarker;
        }
        while (marker is not null);
    }

    /// <summary>One page of blobs (with metadata) starting at <paramref name="marker"/> (null: the beginning); keep <see cref="BlobPage.NextMarker"/> to resume.</summary>
    public async Task<BlobPage> ListBlobsPageAsync(string? prefix, string? marker, int pageSize = 5000, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(pageSize, 5000);
        using var message = _pipeline.CreateMessage(
            RequestMethod.Get,
            _containerUri,
            ("restype", "container"),
            ("comp", "list"),
            ("prefix", string.IsNullOrEmpty(prefix) ? null : prefix),
            ("marker", string.IsNullOrEmpty(marker) ? null : marker),
            ("maxresults", pageSize.ToString(CultureInfo.InvariantCulture)),
            ("include", "metadata"));
        var response = await _pipeline.SendAsync(message, "List Blobs", cancellationToken).ConfigureAwait(false);
        var root = XDocument.Load(response.ContentStream!).Root!;
        var items = root.Element("Blobs")?.Elements("Blob").Select(ParseBlobItem).ToList() ?? [];
        var next = root.Element("NextMarker")?.Value;
        return new BlobPage(items, string.IsNullOrEmpty(next) ? null : next);
    }

    /// <summary>Deletes the blob; false when it did not exist. Pass the lease id in <paramref name="conditions"/> for a leased blob.</summary>
    public async Task<bool> DeleteIfExistsAsync(string blobName, BlobRequestConditions? conditions = null, CancellationToken cancellationToken = default)
    {
        using var message = _pipeline.CreateMessage(RequestMethod.Delete, BlobUri(blobName));
        BlobHeaders.ApplyConditions(message.Request, conditions);
        var response = await _pipeline.SendAsync(message, "Delete Blob", cancellationToken, 404).ConfigureAwait(false);
        if (response.Status == 404)
        {
            response.Headers.TryGetValue("x-ms-error-code", out var code);
            if (code == "ContainerNotFound")
            {
                throw StorageErrors.FromResponse("Delete Blob", response, conditional: false);
            }

            return false;
        }

        return true;
    }

    /// <summary>
    /// Acquires a lease on an existing blob: <paramref name="duration"/> null for an infinite lease, else 15 to 60 seconds.
    /// </summary>
    /// <exception cref="StorageLeaseConflictException">Another lease is active (LeaseAlreadyPresent).</exception>
    /// <exception cref="StorageNotFoundException">The blob does not exist.</exception>
    public async Task<BlobLease> AcquireLeaseAsync(
        string blobName, TimeSpan? duration, string? proposedLeaseId = null, BlobRequestConditions? conditions = null, CancellationToken cancellationToken = default)
    {
        var seconds = -1;
        if (duration is { } d)
        {
            if (d < TimeSpan.FromSeconds(15) || d > TimeSpan.FromSeconds(60))
            {
                throw new ArgumentOutOfRangeException(nameof(duration), "A lease lasts 15 to 60 seconds, or null for infinite.");
            }

            seconds = (int)d.TotalSeconds;
        }

        using var message = LeaseMessage(blobName, "acquire", conditions);
        message.Request.Headers.SetValue("x-ms-lease-duration", seconds.ToString(CultureInfo.InvariantCulture));
        if (proposedLeaseId is not null)
        {
            message.Request.Headers.SetValue("x-ms-proposed-lease-id", proposedLeaseId);
        }

        return ReadLease(await _pipeline.SendAsync(message, "Acquire Lease", cancellationToken).ConfigureAwait(false), proposedLeaseId);
    }

    /// <summary>Renews a lease (restarting its duration); also re-acquires an expired lease nobody else took.</summary>
    public async Task<BlobLease> RenewLeaseAsync(string blobName, string leaseId, CancellationToken cancellationToken = default)
    {
        using var message = LeaseMessage(blobName, "renew", BlobRequestConditions.WithLease(leaseId));
        return ReadLease(await _pipeline.SendAsync(message, "Renew Lease", cancellationToken).ConfigureAwait(false), leaseId);
    }

    /// <summary>Releases a lease so another client can acquire one at once.</summary>
    public async Task ReleaseLeaseAsync(string blobName, string leaseId, CancellationToken cancellationToken = default)
    {
        using var message = LeaseMessage(blobName, "release", BlobRequestConditions.WithLease(leaseId));
        await _pipeline.SendAsync(message, "Release Lease", cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Changes the id of a held lease to <paramref name="proposedLeaseId"/>.</summary>
    public async Task<BlobLease> ChangeLeaseAsync(string blobName, string leaseId, string proposedLeaseId, CancellationToken cancellationToken = default)
    {
        using var message = LeaseMessage(blobName, "change", BlobRequestConditions.WithLease(leaseId));
        message.Request.Headers.SetValue("x-ms-proposed-lease-id", proposedLeaseId);
        return ReadLease(await _pipeline.SendAsync(message, "Change Lease", cancellationToken).ConfigureAwait(false), proposedLeaseId);
    }

    /// <summary>
    /// Breaks the blob's lease without knowing its id. <paramref name="breakPeriod"/> null breaks a fixed lease at its end
    /// and an infinite lease at once; returns the time until the lease is broken (zero: broken now).
    /// </summary>
    public async Task<TimeSpan> BreakLeaseAsync(string blobName, TimeSpan? breakPeriod = null, CancellationToken cancellationToken = default)
    {
        using var message = LeaseMessage(blobName, "break", null);
        if (breakPeriod is { } period)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(period, TimeSpan.Zero);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(period, TimeSpan.FromSeconds(60));
            message.Request.Headers.SetValue("x-ms-lease-break-period", ((int)period.TotalSeconds).ToString(CultureInfo.InvariantCulture));
        }

        var response = await _pipeline.SendAsync(message, "Break Lease", cancellationToken).ConfigureAwait(false);
        return response.Headers.TryGetValue("x-ms-lease-time", out var time)
            ? TimeSpan.FromSeconds(int.Parse(time, CultureInfo.InvariantCulture))
            : TimeSpan.Zero;
    }

    private HttpMessage LeaseMessage(string blobName, string action, BlobRequestConditions? conditions)
    {
        var message = _pipeline.CreateMessage(RequestMethod.Put, BlobUri(blobName), ("comp", "lease"));
        message.Request.Headers.SetValue("x-ms-lease-action", action);
        BlobHeaders.ApplyConditions(message.Request, conditions);
        return message;
    }

    private static BlobLease ReadLease(Response response, string? fallbackId)
    {
        var id = response.Headers.TryGetValue("x-ms-lease-id", out var leaseId) ? leaseId : fallbackId;
        return new BlobLease(id ?? string.Empty, BlobHeaders.ReadETag(response), BlobHeaders.ReadLastModified(response));
    }

    private Uri BlobUri(string blobName)
    {
        StorageNames.ValidateBlob(blobName, nameof(blobName));
        var path = string.Join('/', blobName.Split('/').Select(Uri.EscapeDataString));
        return new Uri(_containerUri.AbsoluteUri + "/" + path);
    }

    private static BlobItem ParseBlobItem(XElement blob)
    {
        var properties = blob.Element("Properties");
        var metadata = blob.Element("Metadata")?.Elements().ToDictionary(e => e.Name.LocalName, e => e.Value, StringComparer.OrdinalIgnoreCase)
            ?? new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var contentType = properties?.Element("Content-Type")?.Value;
        var lastModified = properties?.Element("Last-Modified")?.Value;
        return new BlobItem(
            blob.Element("Name")!.Value,
            new ETag(properties?.Element("Etag")?.Value ?? string.Empty),
            lastModified is null ? default : BlobHeaders.ParseDate(lastModified),
            long.Parse(properties?.Element("Content-Length")?.Value ?? "0", CultureInfo.InvariantCulture),
            string.IsNullOrEmpty(contentType) ? null : contentType,
            metadata);
    }
}
