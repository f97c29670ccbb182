namespace DriveSync.Pipeline;

/// <summary>Settings of runs, bound from configuration section <c>DriveSync:Pipeline</c> (env var form <c>DriveSync__Pipeline__BatchSize</c>).</summary>
public sealed class PipelineOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "DriveSync:Pipeline";

    /// <summary>Container that receives sanitized documents. Default <c>sanitized</c>.</summary>
    public string OutputContainer { get; set; } = "sanitized";

    /// <summary>Container that holds run state: checkpoints, batch manifests and results, run manifests, ledgers, leases. Default <c>drivesync-state</c>.</summary>
    public string StateContainer { get; set; } = "drivesync-state";

    /// <summary>Queue that carries batch and coordinator messages. Default <c>drivesync-work</c>.</summary>
    public string WorkQueue { get; set; } = "drivesync-work";

    /// <summary>Most files in one batch. Default 100.</summary>
    public int BatchSize { get; set; } = 100;

    /// <summary>Most bytes (as listed) in one batch; a single larger file gets a batch of its own. Default 256 MiB.</summary>
    public long BatchByteCap { get; set; } = 256L * 1024 * 1024;

    /// <summary>Batches listed but not yet finished before the coordinator stops listing further pages (back-pressure). Default 20.</summary>
    public int MaxPendingBatches { get; set; } = 20;

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

    /// <summary>Messages one worker process handles at once. Default 4.</summary>
    public int WorkerConcurrency { get; set; } = 4;

    /// <summary>Files of one batch processed at once. Default 4.</summary>
    public int FileConcurrency { get; set; } = 4;

    /// <summary>Deliveries of a batch message before its files are marked Failed. Default 5.</summary>
    public int MaxBatchAttempts { get; set; } = 5;

    /// <summary>How long a received message stays hidden from other workers. Default 5 minutes.</summary>
    public TimeSpan VisibilityTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long an idle worker waits before polling the queue again. Default 500 ms.</summary>
    public TimeSpan QueuePollInterval { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>How often the coordinator of a running run looks at its checkpoint. Default 1 second.</summary>
    public TimeSpan CoordinatorInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Duration of the source lease that keeps runs of one source from overlapping (15–60 s, renewed by
    /// every coordinator step). A run whose lease lapsed is taken over by the next start or worker. Default 60 seconds.
    /// </summary>
    public TimeSpan SourceLeaseDuration { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>A running run whose coordinator has not stepped for this long is restarted by any worker. Default 2 minutes.</summary>
    public TimeSpan StalledRunAfter { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// Downloads up to this size are held in memory; larger ones go to a temp file unlinked at open. Default 1 MiB: a file
    /// in memory costs two buffers (download and sanitized output) for each of up to WorkerConcurrency × FileConcurrency
    /// files at once, so the default bounds that to 32 MiB (8 MiB allowed ~256 MiB; see bench/RESULTS.md, Pipeline).
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
        if (!IsContainerName(WorkQueue))
            errors.Add($"{SectionName}:WorkQueue must be 3-63 lowercase letters, digits or dashes.");
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
        if (MaxPendingBatches < 1)
            errors.Add($"{SectionName}:MaxPendingBatches must be at least 1.");
        if (WorkerConcurrency is < 1 or > 64)
            errors.Add($"{SectionName}:WorkerConcurrency must be between 1 and 64.");
        if (FileConcurrency is < 1 or > 64)
            errors.Add($"{SectionName}:FileConcurrency must be between 1 and 64.");
        if (MaxBatchAttempts is < 1 or > 100)
            errors.Add($"{SectionName}:MaxBatchAttempts must be between 1 and 100.");
        if (VisibilityTimeout < TimeSpan.FromSeconds(1) || VisibilityTimeout > TimeSpan.FromDays(7))
            errors.Add($"{SectionName}:VisibilityTimeout must be between 1 second and 7 days.");
        if (QueuePollInterval <= TimeSpan.Zero)
            errors.Add($"{SectionName}:QueuePollInterval must be positive.");
        if (CoordinatorInterval <= TimeSpan.Zero || CoordinatorInterval >= SourceLeaseDuration)
            errors.Add($"{SectionName}:CoordinatorInterval must be positive and shorter than SourceLeaseDuration.");
        if (SourceLeaseDuration < TimeSpan.FromSeconds(15) || SourceLeaseDuration > TimeSpan.FromSeconds(60))
            errors.Add($"{SectionName}:SourceLeaseDuration must be between 15 and 60 seconds (blob lease limits).");
        if (StalledRunAfter <= CoordinatorInterval)
            errors.Add($"{SectionName}:StalledRunAfter must be longer than CoordinatorInterval.");
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
