using System.Globalization;
using DriveSync.Pipeline.Ports;
using DriveSync.Pipeline.State;

namespace DriveSync.Pipeline.Work;

/// <summary>
/// One file: download (into memory, or a temp file deleted on close when large) → sanitize (fail closed)
/// → upload to its deterministic name with If-None-Match: *, metadata holding ids, versions and counts only.
/// </summary>
public sealed class FileProcessor(IBlobStore blobs, IDriveSource source, IFileSanitizer sanitizer, PipelineOptions options)
{
    private const string MetaSourceId = "sourceid";
    private const string MetaSourceVersion = "sourceversion";
    private const string MetaSanitizerVersion = "sanitizerversion";
    private const string MetaSourceBytes = "sourcebytes";
    private const string MetaOutputBytes = "outputbytes";
    private const string MetaPiiPrefix = "pii_";

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
        if (mayExist && await blobs.GetMetadataAsync(options.OutputContainer, output, cancellationToken) is { } existing)
            return FromMetadata(file, output, existing);

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
        SanitizeResult result;
        var contentType = file.ExportMimeType ?? file.MimeType;
        try
        {
            result = await sanitizer.SanitizeAsync(file.Name, contentType, input, sanitized, cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return new FileResult(file.Id, file.Name, file.VersionKey, FileOutcome.Quarantined, null, bytesRead, 0,
                new Dictionary<string, long>(), $"The sanitizer failed ({exception.GetType().Name}).");
        }
        var counts = result.Counts.ToDictionary(c => PiiKey(c.Key), c => c.Value);
        if (result.Quarantined)
            return new FileResult(file.Id, file.Name, file.VersionKey, FileOutcome.Quarantined, null, bytesRead, 0, counts, result.Reason);

        var bytesWritten = sanitized.Length;
        sanitized.Position = 0;
        try
        {
            await blobs.WriteAsync(options.OutputContainer, output, sanitized,
                new BlobWriteOptions(WriteCondition.IfAbsent, null, result.OutputContentType ?? contentType, Metadata(file, counts, bytesRead, bytesWritten)), cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return Failed(file, "upload", blobs.Classify(exception), exception);
        }
        return new FileResult(file.Id, file.Name, file.VersionKey, FileOutcome.Uploaded, output, bytesRead, bytesWritten, counts, null);
    }

    /// <summary>The form of a PII type name in counters and metadata: lowercase letters, digits and underscores.</summary>
    public static string PiiKey(string type) => new(type.ToLowerInvariant().Where(c => char.IsAsciiLetterOrDigit(c) || c == '_').ToArray());

    private Dictionary<string, string> Metadata(BatchFile file, Dictionary<string, long> counts, long bytesRead, long bytesWritten)
    {
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [MetaSourceId] = file.Id,
            [MetaSourceVersion] = file.VersionKey,
            [MetaSanitizerVersion] = sanitizer.Version,
            [MetaSourceBytes] = bytesRead.ToString(CultureInfo.InvariantCulture),
            [MetaOutputBytes] = bytesWritten.ToString(CultureInfo.InvariantCulture),
        };
        foreach (var (type, count) in counts)
            metadata[MetaPiiPrefix + type] = count.ToString(CultureInfo.InvariantCulture);
        return metadata;
    }

    private static FileResult FromMetadata(BatchFile file, string output, IReadOnlyDictionary<string, string> metadata)
    {
        var counts = metadata.Where(m => m.Key.StartsWith(MetaPiiPrefix, StringComparison.Ordinal))
            .ToDictionary(m => m.Key[MetaPiiPrefix.Length..], m => Number(m.Value));
        return new FileResult(file.Id, file.Name, file.VersionKey, FileOutcome.Uploaded, output,
            Number(metadata.GetValueOrDefault(MetaSourceBytes)), Number(metadata.GetValueOrDefault(MetaOutputBytes)), counts, null);
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
