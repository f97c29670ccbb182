using System.Net;
using DriveSync.GoogleDrive;
using DriveSync.Pipeline.Ports;

namespace DriveSync.Pipeline.Adapters;

/// <summary>
/// <see cref="IDriveSource"/> over the repository's Drive v3 client, breadth-first lister and OCR converter; the one
/// place that knows them.
/// </summary>
public sealed class GoogleDriveSource(DriveClient client, DriveOcrConverter ocr, DriveOptions options) : IDriveSource
{
    private readonly DriveFolderLister _lister = new(client, options);

    public string SourceId => options.FolderId ?? throw new InvalidOperationException("DriveSync:Drive:FolderId is not set.");

    public async Task<SourcePage> ListPageAsync(string? cursor, CancellationToken cancellationToken)
    {
        var start = cursor is null ? _lister.Start() : ListingCursor.FromJson(cursor);
        var page = await _lister.NextPageAsync(start, cancellationToken);
        var files = page.Files.Select(ToSourceFile).ToList();
        var watched = page.FoldersFound.Concat(page.Files.Where(f => f.ShortcutId is not null).Select(f => f.Id)).ToList();
        return new SourcePage(files, page.IsComplete ? null : page.Next.ToJson(), watched);
    }

    public async Task<ChangesStart> StartChangesAsync(CancellationToken cancellationToken)
    {
        var token = await client.GetStartPageTokenAsync(cancellationToken);
        var root = await client.GetFileAsync(SourceId, cancellationToken);
        return new ChangesStart(token, root.Id);
    }

    public async Task<ChangesPage?> ListChangesAsync(string token, CancellationToken cancellationToken)
    {
        DriveChangesPage page;
        try
        {
            page = await client.ListChangesAsync(token, cancellationToken);
        }
        catch (DriveApiException exception) when (exception.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.NotFound or HttpStatusCode.Gone)
        {
            return null;
        }
        var changes = page.Changes
            .Where(c => c.Removed || c.File is not null)
            .Select(c => c.Removed ? new SourceChange(c.FileId, null, SourceChangeKind.Removed, null) : ToChange(c.File!))
            .ToList();
        return new ChangesPage(changes, page.NextPageToken, page.NewStartPageToken);
    }

    public async Task DownloadAsync(SourceFile file, Stream destination, CancellationToken cancellationToken) =>
        await client.FetchAsync(ToDriveFile(file), destination, cancellationToken);

    public bool CanConvertByOcr(SourceFile file) => ocr.IsEnabled && file.ExportMimeType is null && DriveOcrConverter.CanConvert(ToDriveFile(file));

    public async Task ConvertToDocxAsync(SourceFile file, Stream destination, CancellationToken cancellationToken) =>
        await ocr.ConvertToDocxAsync(ToDriveFile(file), destination, cancellationToken);

    public async Task MoveToFolderAsync(string fileId, string folderId, CancellationToken cancellationToken)
    {
        var file = await client.GetFileAsync(fileId, cancellationToken);
        if (file.ParentId != folderId)
            await client.MoveAsync(fileId, folderId, file.ParentId ?? "", cancellationToken);
    }

    private static SourceChange ToChange(DriveFile f) => f.MimeType switch
    {
        GoogleMimeTypes.Folder => new SourceChange(f.Id, f.ParentId, SourceChangeKind.Folder, null),
        GoogleMimeTypes.Shortcut => new SourceChange(f.Id, f.ParentId, SourceChangeKind.Shortcut, null),
        _ when GoogleMimeTypes.IsGoogleApps(f.MimeType) && !f.IsGoogleNative => new SourceChange(f.Id, f.ParentId, SourceChangeKind.Ignored, null),
        _ => new SourceChange(f.Id, f.ParentId, SourceChangeKind.File, ToSourceFile(f)),
    };

    private static SourceFile ToSourceFile(DriveFile f) => new(f.Id, f.Name, f.MimeType, f.Size ?? 0, f.Version, f.Md5Checksum, f.ExportMimeType);

    private static DriveFile ToDriveFile(SourceFile file) =>
        new(file.Id, file.Name, file.MimeType, file.ExportMimeType is null ? file.Size : null, file.Md5, null, file.Version ?? 0, null, file.ExportMimeType);

    public FailureKind Classify(Exception exception) => DriveFailureClassifier.Classify(exception) switch
    {
        DriveFailureAction.Retry => FailureKind.Retry,
        DriveFailureAction.SkipFile => FailureKind.SkipFile,
        _ => FailureKind.StopRun,
    };
}
