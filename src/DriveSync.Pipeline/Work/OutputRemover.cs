using DriveSync.Pipeline.Ports;
using DriveSync.Pipeline.State;

namespace DriveSync.Pipeline.Work;

/// <summary>
/// Deletes outputs that no longer follow a source: the superseded outputs of a file once its new output exists (its other
/// versions, or this version's outputs written under another policy), and every output of a file that left the tree.
/// Outputs are found by name (<c>{file id}/…</c>), so nothing but the output container is needed. Each deletion gives a
/// <see cref="FileOutcome.Removed"/> result with a fixed reason; deleting a blob that is already gone is no error, so a
/// repeated call finds less and does the same.
/// </summary>
public sealed class OutputRemover(IBlobStore blobs, PipelineOptions options)
{
    /// <summary>The stage name of a removal in <see cref="FileStageException"/>.</summary>
    public const string Stage = "removal";

    public const string SupersededByPolicy = "Superseded: rewritten under the current sanitizer policy.";
    public const string SupersededByVersion = "Superseded by the file's new version.";
    public const string RemovedInDrive = "Deleted or trashed in Drive.";
    public const string MovedOutOfTree = "Moved out of the synced folder.";
    public const string NotListed = "No longer in the synced folder (not found by a full listing).";

    private const int PageSize = 5000;

    /// <summary>Deletes the file's outputs other than <paramref name="keep"/>: of every version, or only of this version.</summary>
    public async Task<IReadOnlyList<FileResult>> RemoveSupersededAsync(BatchFile file, string keep, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(file);
        var prefix = file.ReplacesVersions ? OutputNaming.FilePrefix(file.Id) : OutputNaming.VersionPrefix(file);
        var removed = new List<FileResult>();
        foreach (var name in await ListAsync(prefix, cancellationToken))
        {
            if (name == keep)
                continue;
            await blobs.DeleteAsync(options.OutputContainer, name, cancellationToken);
            removed.Add(Removed(name, OutputNaming.Parse(name).VersionKey == OutputNaming.Parse(keep).VersionKey ? SupersededByPolicy : SupersededByVersion));
        }
        return removed;
    }

    /// <summary>The output blob names of a file (all versions).</summary>
    public Task<IReadOnlyList<string>> OutputsOfAsync(string fileId, CancellationToken cancellationToken) =>
        ListAsync(OutputNaming.FilePrefix(fileId), cancellationToken);

    /// <summary>Deletes the outputs (the caller listed them) with the reason.</summary>
    public async Task DeleteAsync(IEnumerable<FileResult> removals, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(removals);
        foreach (var removal in removals)
            await blobs.DeleteAsync(options.OutputContainer, removal.Output!, cancellationToken);
    }

    /// <summary>A Removed result for an output blob: id, version and stored (sanitized) name from its name.</summary>
    public static FileResult Removed(string blobName, string reason)
    {
        var (fileId, version, name) = OutputNaming.Parse(blobName);
        return new FileResult(fileId, name, version, FileOutcome.Removed, blobName, 0, 0, new Dictionary<string, long>(), reason);
    }

    private async Task<IReadOnlyList<string>> ListAsync(string prefix, CancellationToken cancellationToken)
    {
        var names = new List<string>();
        string? marker = null;
        do
        {
            var page = await blobs.ListAsync(options.OutputContainer, prefix, marker, PageSize, cancellationToken);
            names.AddRange(page.Names);
            marker = page.NextMarker;
        }
        while (marker is not null);
        return names;
    }
}
