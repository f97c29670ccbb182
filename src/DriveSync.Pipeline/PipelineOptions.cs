namespace DriveSync.Pipeline;

/// <summary>Settings of runs, bound from configuration section <c>DriveSync:Pipeline</c> (env var form <c>DriveSync__Pipeline__BatchSize</c>).</summary>
public sealed class PipelineOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "DriveSync:Pipeline";

    /// <summary>Container that receives sanitized documents. Default <c>sanitized</c>.</summary>
    public string OutputContainer { get; set; } = "sanitized";

    /// <summary>Container that holds run state: batch manifests and results, cursors, run manifests and summaries, ledgers, claims. Default <c>drivesync-state</c>.</summary>
    public string StateContainer { get; set; } = "drivesync-state";

    /// <summary>Most files in one batch. Default 100.</summary>
    public int BatchSize { get; set; } = 100;

    /// <summary>Most bytes (as listed) in one batch; a single larger file gets a batch of its own. Default 256 MiB.</summary>
    public long BatchByteCap { get; set; } = 256L * 1024 * 1024;

    /// <summary>ProcessBatch activities one run keeps in flight (the fan-out bound). Default 8.</summary>
    public int MaxBatchesInFlight { get; set; } = 8;

    /// <summary>Listing pages per orchestration generation; the run continues as new after them, keeping its history small. Default 5.</summary>
    public int PagesPerGeneration { get; set; } = 5;

    /// <summary>Attempts of an activity that failed transiently (Drive or storage said Retry), the first included. Default 5.</summary>
    public int MaxAttempts { get; set; } = 5;

    /// <summary>Wait before an activity's first retry; it doubles with each retry up to <see cref="MaxRetryInterval"/>. Default 2 seconds.</summary>
    public TimeSpan FirstRetryInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Longest wait between two attempts of an activity. Default 1 minute.</summary>
    public TimeSpan MaxRetryInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>The files/s of a run's progress is measured over its last this many files. Default 1000.</summary>
    public int ProgressWindowFiles { get; set; } = 1000;

    /// <summary>Files of one batch processed at once. Default 4.</summary>
    public int FileConcurrency { get; set; } = 4;

    /// <summary>
    /// Downloads up to this size are held in memory; larger ones go to a temp file unlinked at open. Default 1 MiB: a file
    /// in memory costs two buffers (download and sanitized output) for each of up to (activities a worker runs at once) ×
    /// FileConcurrency files at once (see bench/RESULTS.md, Pipeline).
    /// </summary>
    public long InMemoryThreshold { get; set; } = 1L * 1024 * 1024;

    /// <summary>Optional Drive folder id that processed files are moved into after the run; empty for none.</summary>
    public string? PostActionFolderId { get; set; }

    /// <summary>
    /// Whether a run of a source that completed before takes only the files changed since then from Drive's change list
    /// (<c>changes.list</c>) instead of listing the whole tree; it lists everything when the saved changes token is no
    /// longer accepted, folders were added to or moved out of the tree, or the last run had failed files. Default true.
    /// </summary>
    public bool UseChanges { get; set; } = true;

    /// <summary>
    /// Whether a run processes again the unchanged files whose outputs were written under another sanitizer policy
    /// (<c>SanitizerVersion</c> and the options that shape outputs; outputs of runs before policies were recorded count as
    /// another policy): each such file is downloaded once more and its output replaced, the new one written before the
    /// old one goes. Default true.
    /// </summary>
    public bool ReprocessOnPolicyChange { get; set; } = true;

    /// <summary>
    /// Whether a run deletes outputs whose source is gone: files deleted, trashed or moved out of the tree since the last
    /// run (from the changes list on incremental runs, by comparing the full listing with the ledger otherwise), and the
    /// outputs of earlier versions of changed files once the new one exists. Each deletion is a manifest line with
    /// outcome Removed and a reason. Off by default: with it on, a file trashed by mistake loses its copy at the next run
    /// (blob soft delete, where the account has it on, keeps it recoverable for its retention period). Default false.
    /// </summary>
    public bool DeleteRemoved { get; set; }

    /// <summary>Directory for temp files; empty for the system temp directory.</summary>
    public string? TempDirectory { get; set; }

    /// <summary>Error messages naming each invalid setting; empty when the options are valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (!IsContainerName(OutputContainer))
            errors.Add($"{SectionName}:OutputContainer must be 3-63 lowercase letters, digits or dashes.");
        if (!IsContainerName(StateContainer))
            errors.Add($"{SectionName}:StateContainer must be 3-63 lowercase letters, digits or dashes.");
        if (StateContainer == OutputContainer)
            errors.Add($"{SectionName}:StateContainer must differ from OutputContainer.");
        if (BatchSize is < 1 or > 1000)
            errors.Add($"{SectionName}:BatchSize must be between 1 and 1000.");
        if (BatchByteCap < 1)
            errors.Add($"{SectionName}:BatchByteCap must be positive.");
        if (MaxBatchesInFlight is < 1 or > 1000)
            errors.Add($"{SectionName}:MaxBatchesInFlight must be between 1 and 1000.");
        if (PagesPerGeneration is < 1 or > 1000)
            errors.Add($"{SectionName}:PagesPerGeneration must be between 1 and 1000.");
        if (MaxAttempts is < 1 or > 100)
            errors.Add($"{SectionName}:MaxAttempts must be between 1 and 100.");
        if (FirstRetryInterval <= TimeSpan.Zero || FirstRetryInterval > MaxRetryInterval)
            errors.Add($"{SectionName}:FirstRetryInterval must be positive and at most MaxRetryInterval.");
        if (MaxRetryInterval > TimeSpan.FromHours(1))
            errors.Add($"{SectionName}:MaxRetryInterval must be at most 1 hour.");
        if (ProgressWindowFiles < 1)
            errors.Add($"{SectionName}:ProgressWindowFiles must be at least 1.");
        if (FileConcurrency is < 1 or > 64)
            errors.Add($"{SectionName}:FileConcurrency must be between 1 and 64.");
        if (InMemoryThreshold < 0)
            errors.Add($"{SectionName}:InMemoryThreshold must not be negative.");
        if (!string.IsNullOrEmpty(TempDirectory) && !Directory.Exists(TempDirectory))
            errors.Add($"{SectionName}:TempDirectory does not exist.");
        return errors;
    }

    private static bool IsContainerName(string? name) =>
        name is { Length: >= 3 and <= 63 }
        && name.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-')
        && name[0] != '-' && name[^1] != '-' && !name.Contains("--", StringComparison.Ordinal);
}
