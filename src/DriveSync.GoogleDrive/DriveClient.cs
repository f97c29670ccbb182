using System.Buffers;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using DriveSync.GoogleDrive.Api;
using Google.Apis.Http;
using Google.Apis.Requests;
using Google.Apis.Services;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace DriveSync.GoogleDrive;

/// <summary>
/// The Drive v3 calls DriveSync makes, on Google.Apis' <see cref="BaseClientService"/> and request machinery, every
/// call paced and retried by the shared <see cref="DrivePacer"/>.
/// </summary>
public sealed class DriveClient : IDisposable
{
    /// <summary>The <c>fields</c> projection of files.list: only what the pipeline uses.</summary>
    public const string ListFields = "nextPageToken,files(id,name,mimeType,size,md5Checksum,modifiedTime,version,parents,shortcutDetails(targetId,targetMimeType))";

    /// <summary>The <c>fields</c> projection of files.get.</summary>
    public const string FileFields = "id,name,mimeType,size,md5Checksum,modifiedTime,version,parents,trashed,shortcutDetails(targetId,targetMimeType)";

    private const string ChangeFields = "nextPageToken,newStartPageToken,changes(fileId,removed,time,file(id,name,mimeType,size,md5Checksum,modifiedTime,version,parents,trashed))";

    private readonly DriveOptions _options;
    private readonly DrivePacer _pacer;
    private readonly DriveApiService _service;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    /// <summary>Creates a client with the credential chosen by <paramref name="options"/>.</summary>
    public DriveClient(DriveOptions options, DrivePacer pacer, ILogger<DriveClient>? logger = null, TimeProvider? timeProvider = null)
        : this(options, pacer, DriveCredentialFactory.Create(options), logger, timeProvider)
    {
    }

    /// <summary>Creates a client with an explicit Google.Apis credential.</summary>
    public DriveClient(DriveOptions options, DrivePacer pacer, IConfigurableHttpClientInitializer credential, ILogger<DriveClient>? logger = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(pacer);
        _options = options;
        _pacer = pacer;
        _time = timeProvider ?? TimeProvider.System;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _service = new DriveApiService(new BaseClientService.Initializer
        {
            HttpClientInitializer = credential,
            BaseUri = ServiceUri(options.BaseUri),
            ApplicationName = options.ApplicationName,
            // Our Polly pipeline (DrivePacer) is the only retry layer.
            DefaultExponentialBackOffPolicy = ExponentialBackOffPolicy.None,
            // The per-attempt timeouts of the pacer bound every request; a long download must not hit HttpClient's 100 s.
            HttpClientTimeout = Timeout.InfiniteTimeSpan,
            GZipEnabled = false,
        });
    }

    /// <summary>Counters of the shared pacer.</summary>
    public DriveCallCounters Counters => _pacer.Counters;

    /// <summary>files.get: a file's metadata; <see cref="DriveFile.ParentId"/> is its first parent.</summary>
    public Task<DriveFile> GetFileAsync(string fileId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(fileId);
        return SendAsync(
            "files.get",
            () => new FilesGetRequest(_service, fileId) { Fields = FileFields, SupportsAllDrives = true },
            resource => ToDriveFile(resource, resource.Parents?.FirstOrDefault()),
            cancellationToken);
    }

    /// <summary>
    /// files.get alt=media: streams a stored file into <paramref name="destination"/> in chunks, resuming a broken transfer
    /// with a Range request from the last byte received, and verifies the size and md5Checksum.
    /// </summary>
    public Task<DriveDownloadResult> DownloadAsync(DriveFile file, Stream destination, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(destination);
        if (file.IsGoogleNative || GoogleMimeTypes.IsGoogleApps(file.MimeType))
            throw new ArgumentException($"Drive file {file.Id} is Google-native; export it.", nameof(file));
        return TransferAsync(
            "files.get(media)",
            file.Id,
            () => new FilesGetRequest(_service, file.Id) { Alt = "media", SupportsAllDrives = true },
            rangeable: true,
            file.Size,
            file.Md5Checksum,
            destination,
            cancellationToken);
    }

    /// <summary>
    /// files.export: writes a Google-native file in its <see cref="DriveFile.ExportMimeType"/>. Exports have no Range
    /// support; a broken export restarts. Over Drive's 10 MB export limit: <see cref="DriveExportTooLargeException"/>.
    /// </summary>
    public Task<DriveDownloadResult> ExportAsync(DriveFile file, Stream destination, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(destination);
        var exportType = file.ExportMimeType ?? throw new ArgumentException($"Drive file {file.Id} is not Google-native; download it.", nameof(file));
        return TransferAsync(
            "files.export",
            file.Id,
            () => new FilesExportRequest(_service, file.Id, exportType),
            rangeable: false,
            expectedSize: null,
            expectedMd5: null,
            destination,
            cancellationToken);
    }

    /// <summary>Exports Google-native files and downloads the others.</summary>
    public Task<DriveDownloadResult> FetchAsync(DriveFile file, Stream destination, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(file);
        return file.IsGoogleNative
            ? ExportAsync(file, destination, cancellationToken)
            : DownloadAsync(file, destination, cancellationToken);
    }

    /// <summary>files.update with addParents/removeParents: moves a file to another folder.</summary>
    public Task MoveAsync(string fileId, string addParents, string removeParents, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(fileId);
        ArgumentException.ThrowIfNullOrWhiteSpace(addParents);
        return SendAsync(
            "files.update",
            () => new FilesUpdateRequest(_service, fileId)
            {
                AddParents = addParents,
                RemoveParents = string.IsNullOrWhiteSpace(removeParents) ? null : removeParents,
                Fields = "id,parents",
                SupportsAllDrives = true,
            },
            resource => resource,
            cancellationToken);
    }

    /// <summary>
    /// files.copy: copies a file into <paramref name="parentId"/> (null: the source's folders) as <paramref name="name"/>.
    /// With <paramref name="convertToMimeType"/> (e.g. <see cref="GoogleMimeTypes.Document"/>) Drive converts the copy,
    /// running OCR on PDFs and images, with the <see cref="DriveOcrOptions.Language"/> hint when set; a conversion gets
    /// the media attempt timeout. Returns the new file. Not idempotent: a retried attempt may leave an extra copy, so
    /// callers that need exactly one clean up by name (see <see cref="DriveOcrConverter"/>).
    /// </summary>
    public Task<DriveFile> CopyAsync(string fileId, string name, string? parentId, string? convertToMimeType, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(fileId);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var body = new FileResource { Name = name, MimeType = convertToMimeType, Parents = parentId is null ? null : [parentId] };
        return SendAsync(
            "files.copy",
            convertToMimeType is null ? DriveCallKind.Metadata : DriveCallKind.Media,
            () => new FilesCopyRequest(_service, fileId, body)
            {
                Fields = FileFields,
                SupportsAllDrives = true,
                OcrLanguage = convertToMimeType is null || string.IsNullOrWhiteSpace(_options.Ocr.Language) ? null : _options.Ocr.Language,
            },
            resource => ToDriveFile(resource, resource.Parents?.FirstOrDefault()),
            cancellationToken);
    }

    /// <summary>files.delete: deletes a file for good (it does not go to the trash). A missing file fails with 404.</summary>
    public Task DeleteAsync(string fileId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(fileId);
        return SendRawAsync(
            "files.delete",
            DriveCallKind.Metadata,
            () => new FilesDeleteRequest(_service, fileId) { SupportsAllDrives = true },
            _ => Task.FromResult(true),
            cancellationToken);
    }

    /// <summary>changes.getStartPageToken: the token an incremental run starts from.</summary>
    public Task<string> GetStartPageTokenAsync(CancellationToken cancellationToken) =>
        SendAsync(
            "changes.getStartPageToken",
            () => new ChangesGetStartPageTokenRequest(_service) { DriveId = SharedDriveId, SupportsAllDrives = true, Fields = "startPageToken" },
            token => token.Token ?? throw new DriveApiException("changes.getStartPageToken", HttpStatusCode.BadGateway, "missingStartPageToken", null),
            cancellationToken);

    /// <summary>changes.list: one page of changes since <paramref name="pageToken"/>.</summary>
    public Task<DriveChangesPage> ListChangesAsync(string pageToken, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(pageToken);
        return SendAsync(
            "changes.list",
            () => new ChangesListRequest(_service, pageToken)
            {
                PageSize = _options.PageSize,
                DriveId = SharedDriveId,
                IncludeItemsFromAllDrives = true,
                SupportsAllDrives = true,
                IncludeRemoved = true,
                Spaces = "drive",
                Fields = ChangeFields,
            },
            list => new DriveChangesPage(
                (list.Changes ?? []).Where(c => c.FileId is not null).Select(ToChange).ToList(),
                list.NextPageToken,
                list.NewStartPageToken),
            cancellationToken);
    }

    /// <summary>files.get of the raw resource (<see cref="FileFields"/>): parents and trashed included.</summary>
    internal Task<FileResource> GetResourceAsync(string fileId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(fileId);
        return SendAsync(
            "files.get",
            () => new FilesGetRequest(_service, fileId) { Fields = FileFields, SupportsAllDrives = true },
            resource => resource,
            cancellationToken);
    }

    /// <summary>files.list of one page of the children of a group of folders (files, folders, shortcuts; trashed excluded; see <see cref="FolderGroupQuery"/>).</summary>
    internal Task<FileList> ListChildrenAsync(IReadOnlyList<string> folderIds, string? pageToken, CancellationToken cancellationToken)
    {
        var shared = SharedDriveId;
        return SendAsync(
            "files.list",
            () => new FilesListRequest(_service)
            {
                Q = FolderGroupQuery.For(folderIds),
                PageSize = _options.PageSize,
                PageToken = pageToken,
                Fields = ListFields,
                SupportsAllDrives = true,
                IncludeItemsFromAllDrives = true,
                Corpora = shared is null ? null : "drive",
                DriveId = shared,
            },
            list => list,
            cancellationToken);
    }

    /// <summary>files.list of the ids of the untrashed files of <paramref name="mimeType"/> called exactly <paramref name="name"/> (in <paramref name="folderId"/> when given).</summary>
    internal Task<IReadOnlyList<string>> FindByNameAsync(string name, string mimeType, string? folderId, CancellationToken cancellationToken)
    {
        var shared = SharedDriveId;
        var q = $"name = '{EscapeQueryLiteral(name)}' and mimeType = '{EscapeQueryLiteral(mimeType)}' and trashed = false";
        if (folderId is not null)
            q = $"'{EscapeQueryLiteral(folderId)}' in parents and " + q;
        return SendAsync(
            "files.list",
            () => new FilesListRequest(_service)
            {
                Q = q,
                PageSize = 100,
                Fields = "files(id)",
                SupportsAllDrives = true,
                IncludeItemsFromAllDrives = true,
                Corpora = shared is null ? null : "drive",
                DriveId = shared,
            },
            list => (IReadOnlyList<string>)(list.Files ?? []).Select(f => f.Id).OfType<string>().ToList(),
            cancellationToken);
    }

    /// <summary>Maps a files.list / files.get resource to a <see cref="DriveFile"/>.</summary>
    internal DriveFile ToDriveFile(FileResource resource, string? parentId)
    {
        var mimeType = resource.MimeType ?? "application/octet-stream";
        return new DriveFile(
            resource.Id ?? throw new DriveApiException("files.list", HttpStatusCode.BadGateway, "missingFileId", null),
            resource.Name ?? string.Empty,
            mimeType,
            resource.Size,
            resource.Md5Checksum,
            ParseTime(resource.ModifiedTime),
            resource.Version ?? 0,
            parentId,
            GoogleMimeTypes.ExportTypeFor(mimeType, _options.ExportFormat));
    }

    /// <inheritdoc />
    public void Dispose() => _service.Dispose();

    // "https://host/" and "https://host/prefix" get "drive/v3/" appended; a URI already ending in drive/v3 is kept.
    private static string ServiceUri(Uri baseUri)
    {
        var root = baseUri.AbsoluteUri.EndsWith('/') ? baseUri.AbsoluteUri : baseUri.AbsoluteUri + "/";
        return root.EndsWith("/" + DriveApiService.ServicePath, StringComparison.Ordinal) ? root : root + DriveApiService.ServicePath;
    }

    private string? SharedDriveId => string.IsNullOrWhiteSpace(_options.SharedDriveId) ? null : _options.SharedDriveId;

    internal static string EscapeQueryLiteral(string value) => value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal);

    private static DateTimeOffset? ParseTime(string? value) =>
        DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time) ? time : null;

    private DriveChange ToChange(ChangeResource change)
    {
        var removed = change.Removed == true || change.File?.Trashed == true;
        var file = removed || change.File is null ? null : ToDriveFile(change.File, change.File.Parents?.FirstOrDefault());
        return new DriveChange(change.FileId!, removed, file, ParseTime(change.Time));
    }

    private Task<TResult> SendAsync<TResource, TResult>(
        string operation, Func<ClientServiceRequest<TResource>> createRequest, Func<TResource, TResult> map, CancellationToken cancellationToken) =>
        SendAsync(operation, DriveCallKind.Metadata, createRequest, map, cancellationToken);

    private Task<TResult> SendAsync<TResource, TResult>(
        string operation, DriveCallKind kind, Func<ClientServiceRequest<TResource>> createRequest, Func<TResource, TResult> map, CancellationToken cancellationToken) =>
        SendRawAsync(operation, kind, createRequest, async response => map(await _service.DeserializeResponse<TResource>(response)), cancellationToken);

    // One paced, retried request per attempt; an error status becomes a DriveApiException for the classifier.
    private Task<TResult> SendRawAsync<TResource, TResult>(
        string operation, DriveCallKind kind, Func<ClientServiceRequest<TResource>> createRequest, Func<HttpResponseMessage, Task<TResult>> read, CancellationToken cancellationToken) =>
        _pacer.ExecuteAsync(
            operation,
            kind,
            async token =>
            {
                using var request = createRequest().CreateRequest();
                using var response = await _service.HttpClient.SendAsync(request, token);
                if (!response.IsSuccessStatusCode)
                    throw await DriveErrors.FromResponseAsync(operation, response, _time, token);
                return await read(response);
            },
            cancellationToken);

    private async Task<DriveDownloadResult> TransferAsync(
        string operation, string fileId, Func<IClientServiceRequest> createRequest, bool rangeable,
        long? expectedSize, string? expectedMd5, Stream destination, CancellationToken cancellationToken)
    {
        using var transfer = new MediaTransfer(destination);
        await _pacer.ExecuteAsync(
            operation,
            DriveCallKind.Media,
            token => AttemptTransferAsync(operation, fileId, createRequest, rangeable, expectedSize, expectedMd5, transfer, token),
            cancellationToken);
        _logger.LogDebug("Drive {Operation} of {FileId}: {Bytes} bytes in {Attempts} requests", operation, fileId, transfer.Written, transfer.Attempts);
        return new DriveDownloadResult(transfer.Written, transfer.Md5Hex(), transfer.Attempts);
    }

    // Google's MediaDownloader is not used: it surfaces HTTP errors as GoogleApiException without response headers
    // (so Retry-After would be lost), does not check Content-Range when a Range is set, and restarts from zero. This
    // loop keeps Google's request building, auth and HttpClient, and adds resume-from-last-byte and verification.
    private async Task<bool> AttemptTransferAsync(
        string operation, string fileId, Func<IClientServiceRequest> createRequest, bool rangeable,
        long? expectedSize, string? expectedMd5, MediaTransfer transfer, CancellationToken cancellationToken)
    {
        transfer.Attempts++;
        using var request = createRequest().CreateRequest(overrideGZipEnabled: false);
        var resumeFrom = transfer.Written;
        if (resumeFrom > 0 && rangeable)
            request.Headers.Range = new RangeHeaderValue(resumeFrom, null);

        using var response = await _service.HttpClient.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            var error = await DriveErrors.FromResponseAsync(operation, response, _time, cancellationToken);
            if (error.Reason == "exportSizeLimitExceeded")
                throw new DriveExportTooLargeException(fileId);
            throw error;
        }

        long skip = 0;
        if (resumeFrom > 0 && !(response.StatusCode == HttpStatusCode.PartialContent && response.Content.Headers.ContentRange?.From == resumeFrom))
        {
            // The server sent the whole body again: start over when we can, otherwise drop the bytes we already have.
            if (transfer.CanRewind)
                transfer.Rewind();
            else
                skip = resumeFrom;
        }

        await using (var body = await response.Content.ReadAsStreamAsync(cancellationToken))
        {
            var buffer = ArrayPool<byte>.Shared.Rent(_options.DownloadChunkSize);
            try
            {
                int read;
                while ((read = await body.ReadAsync(buffer.AsMemory(0, _options.DownloadChunkSize), cancellationToken)) > 0)
                {
                    var offset = (int)Math.Min(skip, read);
                    skip -= offset;
                    if (offset == read)
                        continue;
                    await transfer.WriteAsync(buffer.AsMemory(offset, read - offset), cancellationToken);
                    _pacer.Counters.AddBytes(read - offset);
                }
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }

        if (skip > 0 || (expectedSize is { } shortSize && transfer.Written < shortSize))
            throw new IOException($"Drive {operation} of {fileId} ended after {transfer.Written} bytes.");
        if (expectedSize is { } size && transfer.Written > size)
            throw Mismatch(fileId, $"{transfer.Written} bytes received, {size} expected", transfer);
        if (expectedMd5 is not null && !string.Equals(transfer.Md5Hex(), expectedMd5, StringComparison.OrdinalIgnoreCase))
            throw Mismatch(fileId, "md5Checksum differs", transfer);
        return true;
    }

    private static DriveChecksumMismatchException Mismatch(string fileId, string detail, MediaTransfer transfer)
    {
        var canRetry = transfer.CanRewind;
        if (canRetry)
            transfer.Rewind();
        return new DriveChecksumMismatchException(fileId, detail, canRetry);
    }
}
