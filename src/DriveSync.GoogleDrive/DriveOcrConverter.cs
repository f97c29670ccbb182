using System.Net;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace DriveSync.GoogleDrive;

/// <summary>
/// The opt-in OCR route for scanned PDFs and images: copies the file as a Google Doc (Drive runs OCR while
/// converting), exports that Doc as DOCX and deletes the temporary copy — after success, failure and cancellation
/// alike. The copy is named <c>drivesync-ocr-&lt;source id&gt;</c> (no personal data); every cleanup also removes
/// copies of that name left by a retried copy request or an earlier crash. Only ids reach the log.
/// </summary>
public sealed class DriveOcrConverter
{
    /// <summary>Prefix of the temporary copies' names; the source file's id follows.</summary>
    public const string TemporaryNamePrefix = "drivesync-ocr-";

    private static readonly HashSet<string> ConvertibleTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        "application/pdf", "image/jpeg", "image/png", "image/gif",
    };

    private readonly DriveClient _client;
    private readonly DriveOcrOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    /// <summary>Creates the converter on the process's <see cref="DriveClient"/> (same pacer, retries and classifier).</summary>
    public DriveOcrConverter(DriveClient client, DriveOptions options, ILogger<DriveOcrConverter>? logger = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(options);
        _client = client;
        _options = options.Ocr;
        _time = timeProvider ?? TimeProvider.System;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    /// <summary>True when <see cref="DriveOcrOptions.Enabled"/> is set.</summary>
    public bool IsEnabled => _options.Enabled;

    /// <summary>True for the types Drive OCRs when converting to a Google Doc: PDF, JPEG, PNG, GIF.</summary>
    public static bool CanConvert(DriveFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        return ConvertibleTypes.Contains(file.MimeType);
    }

    /// <summary>The name of the temporary copy of <paramref name="sourceFileId"/>.</summary>
    public static string TemporaryNameFor(string sourceFileId) => TemporaryNamePrefix + sourceFileId;

    /// <summary>
    /// Writes the OCR text of <paramref name="source"/> as DOCX into <paramref name="destination"/>. Over Drive's 10 MB
    /// export limit: <see cref="DriveExportTooLargeException"/>; other failures as <see cref="DriveClient"/> throws them.
    /// When the temporary copy cannot be deleted: <see cref="DriveOcrCleanupException"/> (carrying the conversion's own
    /// failure, if any). After a failure the destination may hold part of a document: discard it.
    /// </summary>
    /// <exception cref="InvalidOperationException">The OCR route is off (<see cref="DriveOcrOptions.Enabled"/>).</exception>
    /// <exception cref="ArgumentException">The file is not of a type Drive can OCR (<see cref="CanConvert"/>).</exception>
    public async Task<DriveDownloadResult> ConvertToDocxAsync(DriveFile source, Stream destination, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(destination);
        if (!_options.Enabled)
            throw new InvalidOperationException("The OCR route is off: set DriveSync:Drive:Ocr:Enabled to true to convert scanned files.");
        if (!CanConvert(source))
            throw new ArgumentException($"Drive file {source.Id} of type {source.MimeType} cannot be converted by OCR.", nameof(source));

        var name = TemporaryNameFor(source.Id);
        var folderId = _options.TempFolderId ?? source.ParentId;
        DriveFile? copy = null;
        var createdAt = 0L;
        try
        {
            var started = _time.GetTimestamp();
            copy = await _client.CopyAsync(source.Id, name, folderId, GoogleMimeTypes.Document, cancellationToken);
            createdAt = _time.GetTimestamp();
            _logger.LogInformation(
                "OCR copy {TemporaryFileId} of {SourceFileId} created in {ElapsedMs} ms",
                copy.Id, source.Id, (long)_time.GetElapsedTime(started, createdAt).TotalMilliseconds);
            var result = await ExportAsync(source.Id, copy, destination, cancellationToken);
            await CleanUpAsync(source.Id, name, folderId ?? copy.ParentId, copy, createdAt, null);
            return result;
        }
        catch (Exception conversionFailure) when (conversionFailure is not DriveOcrCleanupException)
        {
            await CleanUpAsync(source.Id, name, folderId ?? copy?.ParentId, copy, createdAt, conversionFailure);
            throw;
        }
    }

    // The temporary copy is gone by the time the caller sees the error: report the limit against the source file.
    private async Task<DriveDownloadResult> ExportAsync(string sourceId, DriveFile copy, Stream destination, CancellationToken cancellationToken)
    {
        try
        {
            return await _client.ExportAsync(copy with { ExportMimeType = GoogleMimeTypes.Docx }, destination, cancellationToken);
        }
        catch (DriveExportTooLargeException)
        {
            throw new DriveExportTooLargeException(sourceId);
        }
    }

    // Deletes the copy and any other copy of the same name, on a token of its own (the caller's may be cancelled).
    private async Task CleanUpAsync(string sourceId, string name, string? folderId, DriveFile? copy, long createdAt, Exception? conversionFailure)
    {
        using var timeout = new CancellationTokenSource(_options.CleanupTimeout, _time);
        var undeleted = new List<string>();
        Exception? failure = null;
        if (copy is not null)
        {
            failure = await TryDeleteAsync(copy.Id, timeout);
            if (failure is null)
            {
                _logger.LogInformation(
                    "OCR copy {TemporaryFileId} of {SourceFileId} deleted after {LifetimeMs} ms",
                    copy.Id, sourceId, (long)_time.GetElapsedTime(createdAt).TotalMilliseconds);
            }
            else
            {
                undeleted.Add(copy.Id);
            }
        }

        IReadOnlyList<string> leftovers = [];
        try
        {
            leftovers = await _client.FindByNameAsync(name, GoogleMimeTypes.Document, folderId, timeout.Token);
        }
        catch (Exception e)
        {
            failure ??= AsTimeout(e, timeout);
        }

        foreach (var id in leftovers.Where(id => id != copy?.Id))
        {
            var leftoverFailure = await TryDeleteAsync(id, timeout);
            if (leftoverFailure is null)
            {
                _logger.LogInformation("Leftover OCR copy {TemporaryFileId} of {SourceFileId} deleted", id, sourceId);
                continue;
            }

            undeleted.Add(id);
            failure ??= leftoverFailure;
        }

        if (failure is null)
            return;
        foreach (var id in undeleted)
            _logger.LogWarning("OCR copy {TemporaryFileId} of {SourceFileId} could not be deleted ({Failure}); delete it by hand", id, sourceId, failure.GetType().Name);
        if (undeleted.Count == 0)
            _logger.LogWarning("Leftover OCR copies of {SourceFileId} could not be looked up ({Failure}); search Drive for their name", sourceId, failure.GetType().Name);
        throw new DriveOcrCleanupException(sourceId, name, undeleted, failure, conversionFailure);
    }

    // Null when the file is gone (a 404 means an earlier attempt or another cleanup deleted it); otherwise the failure.
    private async Task<Exception?> TryDeleteAsync(string fileId, CancellationTokenSource timeout)
    {
        try
        {
            await _client.DeleteAsync(fileId, timeout.Token);
            return null;
        }
        catch (DriveApiException e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
        catch (Exception e)
        {
            return AsTimeout(e, timeout);
        }
    }

    private Exception AsTimeout(Exception e, CancellationTokenSource timeout) =>
        e is OperationCanceledException && timeout.IsCancellationRequested
            ? new TimeoutException($"Deleting the temporary OCR copy took longer than DriveSync:Drive:Ocr:CleanupTimeout ({_options.CleanupTimeout}).", e)
            : e;
}
