using System.Buffers;
using System.Buffers.Binary;
using System.Security;
using System.Text;
using Azure.Core;

namespace DriveSync.AzureStorage.Internal;

/// <summary>
/// Uploads a stream of unknown length as a block blob: one Put Blob when it ends within the single-upload
/// threshold, otherwise Put Block per block (one pooled buffer, so memory stays at one block) and Put Block List.
/// </summary>
internal sealed class BlockBlobUploader(StorageRestPipeline pipeline)
{
    private const int MaxBlocks = 50_000;

    public async Task<BlobContentInfo> UploadAsync(Uri blobUri, Stream content, BlobUploadOptions options, CancellationToken cancellationToken)
    {
        var settings = pipeline.Options;
        var bufferSize = Math.Max(settings.BlockSizeBytes, settings.SingleUploadThresholdBytes);
        var buffer = ArrayPool<byte>.Shared.Rent(bufferSize);
        try
        {
            var filled = await FillAsync(content, buffer.AsMemory(0, bufferSize), cancellationToken).ConfigureAwait(false);
            if (filled <= settings.SingleUploadThresholdBytes && filled < bufferSize)
            {
                return await PutBlobAsync(blobUri, buffer.AsMemory(0, filled), options, cancellationToken).ConfigureAwait(false);
            }

            return await PutBlocksAsync(blobUri, content, buffer, filled, options, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private async Task<BlobContentInfo> PutBlobAsync(Uri blobUri, ReadOnlyMemory<byte> data, BlobUploadOptions options, CancellationToken cancellationToken)
    {
        using var message = pipeline.CreateMessage(RequestMethod.Put, blobUri);
        var request = message.Request;
        request.Headers.SetValue("x-ms-blob-type", "BlockBlob");
        SetBlobHeaders(request, options);
        request.Content = RequestContent.Create(data);
        var response = await pipeline.SendAsync(message, "Put Blob", cancellationToken).ConfigureAwait(false);
        return new BlobContentInfo(BlobHeaders.ReadETag(response), BlobHeaders.ReadLastModified(response), data.Length);
    }

    private async Task<BlobContentInfo> PutBlocksAsync(
        Uri blobUri, Stream content, byte[] buffer, int filled, BlobUploadOptions options, CancellationToken cancellationToken)
    {
        var blockSize = pipeline.Options.BlockSizeBytes;
        var uploadId = Guid.NewGuid();
        var blockIds = new List<string>();
        long total = 0;
        while (filled > 0)
        {
            for (var offset = 0; offset < filled; offset += blockSize)
            {
                if (blockIds.Count == MaxBlocks)
                {
                    throw new InvalidOperationException($"The content needs more than {MaxBlocks} blocks; raise {StorageClientOptions.SectionName}:BlockSizeBytes.");
                }

                var length = Math.Min(blockSize, filled - offset);
                var blockId = BlockId(uploadId, blockIds.Count);
                await PutBlockAsync(blobUri, blockId, buffer.AsMemory(offset, length), options.Conditions?.LeaseId, cancellationToken).ConfigureAwait(false);
                blockIds.Add(blockId);
                total += length;
            }

            filled = await FillAsync(content, buffer.AsMemory(0, blockSize), cancellationToken).ConfigureAwait(false);
        }

        return await PutBlockListAsync(blobUri, blockIds, total, options, cancellationToken).ConfigureAwait(false);
    }

    private async Task PutBlockAsync(Uri blobUri, string blockId, ReadOnlyMemory<byte> data, string? leaseId, CancellationToken cancellationToken)
    {
        using var message = pipeline.CreateMessage(RequestMethod.Put, blobUri, ("comp", "block"), ("blockid", blockId));
        if (leaseId is not null)
        {
            message.Request.Headers.SetValue("x-ms-lease-id", leaseId);
        }

        message.Request.Content = RequestContent.Create(data);
        await pipeline.SendAsync(message, "Put Block", cancellationToken).ConfigureAwait(false);
    }

    private async Task<BlobContentInfo> PutBlockListAsync(
        Uri blobUri, List<string> blockIds, long total, BlobUploadOptions options, CancellationToken cancellationToken)
    {
        var xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"utf-8\"?><BlockList>", 64 + (blockIds.Count * 48));
        foreach (var id in blockIds)
        {
            xml.Append("<Latest>").Append(SecurityElement.Escape(id)).Append("</Latest>");
        }

        xml.Append("</BlockList>");
        using var message = pipeline.CreateMessage(RequestMethod.Put, blobUri, ("comp", "blocklist"));
        SetBlobHeaders(message.Request, options);
        message.Request.Content = RequestContent.Create(Encoding.UTF8.GetBytes(xml.ToString()));
        var response = await pipeline.SendAsync(message, "Put Block List", cancellationToken).ConfigureAwait(false);
        return new BlobContentInfo(BlobHeaders.ReadETag(response), BlobHeaders.ReadLastModified(response), total);
    }

    private static void SetBlobHeaders(Request request, BlobUploadOptions options)
    {
        if (options.ContentType is not null)
        {
            request.Headers.SetValue("x-ms-blob-content-type", options.ContentType);
        }

        BlobHeaders.ApplyMetadata(request, options.Metadata);
        BlobHeaders.ApplyConditions(request, options.Conditions);
    }

    /// <summary>Block ids must all have the same length within a blob: base64 of the upload's id and the block number.</summary>
    private static string BlockId(Guid uploadId, int index)
    {
        Span<byte> bytes = stackalloc byte[20];
        uploadId.TryWriteBytes(bytes);
        BinaryPrimitives.WriteInt32BigEndian(bytes[16..], index);
        return Convert.ToBase64String(bytes);
    }

    private static async Task<int> FillAsync(Stream content, Memory<byte> buffer, CancellationToken cancellationToken)
    {
        var filled = 0;
        while (filled < buffer.Length)
        {
            var read = await content.ReadAsync(buffer[filled..], cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                break;
            }

            filled += read;
        }

        return filled;
    }
}
