using DriveSync.GoogleDrive;
using DriveSync.Pipeline.Ports;

namespace DriveSync.Pipeline.Adapters;

/// <summary><see cref="IDriveSource"/> over the repository's Drive v3 client and breadth-first lister; the one place that knows them.</summary>
public sealed class GoogleDriveSource(DriveClient client, DriveOptions options) : IDriveSource
{
    private readonly DriveFolderLister _lister = new(client, options);

    public string SourceId => options.FolderId ?? throw new InvalidOperationException("DriveSync:Drive:FolderId is not set.");

    public async Task<SourcePage> ListPageAsync(string? cursor, CancellationToken cancellationToken)
    {
        var start = cursor is null ? _lister.Start() : ListingCursor.FromJson(cursor);
        var page = await _lister.NextPageAsync(start, cancellationToken);
        var files = page.Files.Select(f => new SourceFile(
            f.Id, f.Name, f.MimeType, f.Size ?? 0, f.Version, f.Md5Checksum, f.ExportMimeType)).ToList();
        return new SourcePage(files, page.IsComplete ? null : page.Next.ToJson());
    }

    public async Task DownloadAsync(SourceFile file, Stream destination, CancellationToken cancellationToken)
    {
        var size = file.ExportMimeType is null ? file.Size : (long?)null;
        var driveFile = new DriveFile(file.Id, file.Name, file.MimeType, size, file.Md5, null, file.Version ?? 0, null, "", file.ExportMimeType);
        await client.FetchAsync(driveFile, destination, cancellationToken);
    }

    public async Task MoveToFolderAsync(string fileId, string folderId, CancellationToken cancellationToken)
    {
        var file = await client.GetFileAsync(fileId, cancellationToken);
        if (file.ParentId != folderId)
            await client.MoveAsync(fileId, folderId, file.ParentId ?? "", cancellationToken);
    }

    public FailureKind Classify(Exception exception) => DriveFailureClassifier.Classify(exception) switch
    {
        DriveFailureAction.Retry => FailureKind.Retry,
        DriveFailureAction.SkipFile => FailureKind.SkipFile,
        _ => FailureKind.StopRun,
    };
}
