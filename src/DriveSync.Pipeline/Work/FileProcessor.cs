using System.Globalization;
using DriveSync.Pipeline.Ports;
using DriveSync.Pipeline.State;

namespace DriveSync.Pipeline.Work;

/// <summary>
/// One file: download (into memory, or a temp file deleted on close when large) → sanitize (fail closed)
/// → upload to its deterministic name with If-None-Match: *, metadata holding ids, versions, the sanitizer policy and
/// counts only. An output already there is kept when it was written under the current policy (a repeated delivery) and
/// replaced in one Put Blob otherwise; a reprocessed file's output is put unconditionally. The name never stops holding an output.
/// A file the sanitizer quarantines because only OCR could read it (a scan, an image) takes the opt-in OCR
/// route when the source offers it: converted to DOCX by the source, sanitized as DOCX, uploaded as <c>.docx</c>.
/// </summary>
public sealed class FileProcessor(IBlobStore blobs, IDriveSource source, IFileSanitizer sanitizer, PipelineOptions options)
{
    private const string MetaSourceId = "sourceid";
    private const string MetaSourceVersion = "sourceversion";
    private const string MetaSanitizerVersion = "sanitizerversion";
    private const string MetaPolicyVersion = "policyversion";
    private const string MetaSourceBytes = "sourcebytes";
    private const string MetaOutputBytes = "outputbytes";
    private const string MetaConvertedFrom = "convertedfrom";
    private const string MetaPiiPrefix = "pii_";
    private const string ConvertedFromOcr = "ocr";
    private const string DocxContentType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    /// <summary>The manifest note of a file uploaded as the sanitized DOCX of its OCR text.</summary>
    public const string OcrNote = "Converted to DOCX by Drive OCR (the file has no text layer).";

    /// <summary>
    /// Processes the file. Returns its outcome; a SkipFile failure is a Failed outcome. Throws
    /// <see cref="FileStageException"/> for Retry and StopRun failures.
    /// </summary>
    /// <param name="file">The file, with its sanitized name.</param>
    /// <param name="mayExist">True on a re-delivered batch: an output already written is reused without downloading again.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    public async Task<FileResult> ProcessAsync(BatchFile file, bool mayExist, CancellationToken cancellationToken)
    {
        var output = OutputNaming.BlobName(file);
        if (mayExist && await ExistingOutputAsync(file, cancellationToken) is { } existing)
            return existing;

        await using var input = NewBuffer(file.Size);
        try
        {
            await source.DownloadAsync(file.ToSourceFile(), input, cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return Failed(file, "download", source.Classify(exception), exception);
        }
        var bytesRead = input.Length;
        input.Position = 0;

        await using var sanitized = NewBuffer(bytesRead);
        var contentType = file.ExportMimeType ?? file.MimeType;
        var result = await SanitizeAsync(file.Name, contentType, input, sanitized, cancellationToken);
        if (result.Quarantined && result.NeedsOcr && source.CanConvertByOcr(file.ToSourceFile()))
            return await ConvertByOcrAsync(file, bytesRead, cancellationToken);
        if (result.Quarantined)
            return new FileResult(file.Id, file.Name, file.VersionKey, FileOutcome.Quarantined, null, bytesRead, 0, result.Counts, result.Reason,
                Policy: sanitizer.Policy);
        return await UploadAsync(file, output, sanitized, result.OutputContentType ?? contentType, result.Counts, bytesRead, null, cancellationToken);
    }

    /// <summary>
    /// The OCR route: the source converts the file to DOCX (into a process-owned buffer, unlinked when on disk), which is
    /// sanitized as <c>{name}.docx</c> and uploaded under <see cref="OutputNaming.OcrBlobName"/>.
    /// </summary>
    private async Task<FileResult> ConvertByOcrAsync(BatchFile file, long bytesRead, CancellationToken cancellationToken)
    {
        await using var docx = NewBuffer(bytesRead);
        try
        {
            await source.ConvertToDocxAsync(file.ToSourceFile(), docx, cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return Failed(file, "OCR conversion", source.Classify(exception), exception);
        }
        docx.Position = 0;

        await using var sanitized = NewBuffer(docx.Length);
        var name = OutputNaming.OcrName(file.Name);
        var result = await SanitizeAsync(name, DocxContentType, docx, sanitized, cancellationToken);
        if (result.Quarantined)
            return new FileResult(file.Id, file.Name, file.VersionKey, FileOutcome.Quarantined, null, bytesRead, 0, result.Counts,
                $"OCR text quarantined: {result.Reason}", Policy: sanitizer.Policy);
        return await UploadAsync(file, OutputNaming.OcrBlobName(file), sanitized, result.OutputContentType ?? DocxContentType, result.Counts,
            bytesRead, ConvertedFromOcr, cancellationToken);
    }

    /// <summary>The sanitizer's result; a sanitizer that throws quarantines the file (fail closed).</summary>
    private async Task<SanitizeResult> SanitizeAsync(string name, string contentType, Stream input, Stream output, CancellationToken cancellationToken)
    {
        try
        {
            return await sanitizer.SanitizeAsync(name, contentType, input, output, cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return new SanitizeResult(true, $"The sanitizer failed ({exception.GetType().Name}).", new Dictionary<string, long>());
        }
    }

    private async Task<FileResult> UploadAsync(BatchFile file, string output, Stream sanitized, string contentType, IReadOnlyDictionary<string, long> counts,
        long bytesRead, string? convertedFrom, CancellationToken cancellationToken)
    {
        var bytesWritten = sanitized.Length;
        sanitized.Position = 0;
        var metadata = Metadata(file, counts, bytesRead, bytesWritten, convertedFrom);
        try
        {
            var condition = file.Reprocess ? WriteCondition.None : WriteCondition.IfAbsent;
            if (await blobs.WriteAsync(options.OutputContainer, output, sanitized, new BlobWriteOptions(condition, null, contentType, metadata),
                    cancellationToken) is null && await IsStaleAsync(output, cancellationToken))
            {
                sanitized.Position = 0;
                await blobs.WriteAsync(options.OutputContainer, output, sanitized, new BlobWriteOptions(WriteCondition.None, null, contentType, metadata),
                    cancellationToken);
            }
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return Failed(file, "upload", blobs.Classify(exception), exception);
        }
        return new FileResult(file.Id, file.Name, file.VersionKey, FileOutcome.Uploaded, output, bytesRead, bytesWritten, counts, null,
            convertedFrom is null ? null : OcrNote, sanitizer.Policy, file.Reprocess);
    }

    /// <summary>True when the output already at the name was written under another policy (or vanished meanwhile): it must be replaced.</summary>
    private async Task<bool> IsStaleAsync(string output, CancellationToken cancellationToken) =>
        await blobs.GetMetadataAsync(options.OutputContainer, output, cancellationToken) is not { } existing
        || existing.GetValueOrDefault(MetaPolicyVersion) != sanitizer.Policy;

    /// <summary>The outcome recorded in an output written by an earlier delivery (direct, or by the OCR route), or null.</summary>
    private async Task<FileResult?> ExistingOutputAsync(BatchFile file, CancellationToken cancellationToken)
    {
        var output = OutputNaming.BlobName(file);
        if (await blobs.GetMetadataAsync(options.OutputContainer, output, cancellationToken) is { } direct)
            return FromMetadata(file, output, direct);
        if (!source.CanConvertByOcr(file.ToSourceFile()))
            return null;
        output = OutputNaming.OcrBlobName(file);
        return await blobs.GetMetadataAsync(options.OutputContainer, output, cancellationToken) is { } converted
            ? FromMetadata(file, output, converted)
            : null;
    }

    private Dictionary<string, string> Metadata(BatchFile file, IReadOnlyDictionary<string, long> counts, long bytesRead, long bytesWritten, string? convertedFrom)
    {
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [MetaSourceId] = file.Id,
            [MetaSourceVersion] = file.VersionKey,
            [MetaSanitizerVersion] = sanitizer.Version,
            [MetaPolicyVersion] = sanitizer.Policy,
            [MetaSourceBytes] = bytesRead.ToString(CultureInfo.InvariantCulture),
            [MetaOutputBytes] = bytesWritten.ToString(CultureInfo.InvariantCulture),
        };
        if (convertedFrom is not null)
            metadata[MetaConvertedFrom] = convertedFrom;
        foreach (var (type, count) in counts)
            metadata[MetaPiiPrefix + type] = count.ToString(CultureInfo.InvariantCulture);
        return metadata;
    }

    private static FileResult FromMetadata(BatchFile file, string output, IReadOnlyDictionary<string, string> metadata)
    {
        var counts = metadata.Where(m => m.Key.StartsWith(MetaPiiPrefix, StringComparison.OrdinalIgnoreCase))
            .ToDictionary(m => m.Key[MetaPiiPrefix.Length..], m => Number(m.Value), StringComparer.Ordinal);
        var note = metadata.GetValueOrDefault(MetaConvertedFrom) == ConvertedFromOcr ? OcrNote : null;
        return new FileResult(file.Id, file.Name, file.VersionKey, FileOutcome.Uploaded, output,
            Number(metadata.GetValueOrDefault(MetaSourceBytes)), Number(metadata.GetValueOrDefault(MetaOutputBytes)), counts, null, note,
            metadata.GetValueOrDefault(MetaPolicyVersion), file.Reprocess);
    }

    private static long Number(string? value) =>
        long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number) ? number : 0;

    private static FileResult Failed(BatchFile file, string stage, FailureKind kind, Exception exception) =>
        kind == FailureKind.SkipFile
            ? FileResult.Without(file, FileOutcome.Failed, $"The {stage} failed ({exception.GetType().Name}).")
            : throw new FileStageException(stage, kind, exception);

    private Stream NewBuffer(long expectedSize)
    {
        if (expectedSize <= options.InMemoryThreshold)
            return new MemoryStream(expectedSize > 0 ? (int)expectedSize : 0);
        var directory = string.IsNullOrEmpty(options.TempDirectory) ? Path.GetTempPath() : options.TempDirectory;
        var path = Path.Combine(directory, "drivesync-" + Guid.NewGuid().ToString("N") + ".tmp");
        var stream = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 81920, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        // Unlink at once where the OS allows it: the bytes (unsanitized) then vanish with the handle, even if the process is killed.
        if (!OperatingSystem.IsWindows())
            File.Delete(path);
        return stream;
    }
}
