namespace DriveSync.DurableEngine;

/// <summary>
/// Settings of the embedded Durable Task engine, bound from <c>DriveSync:Durable</c> (environment
/// <c>DriveSync__Durable__Name</c>). The defaults let a killed process's orchestrations and activities resume on another
/// process of the same task hub in well under a minute (see docs/durable-engine.md for the arithmetic).
/// </summary>
public sealed class DurableEngineOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "DriveSync:Durable";

    /// <summary>
    /// Name of the task hub: the prefix of its queues, tables and lease container. Every process sharing work must use the
    /// same name on the same storage account. Letters and digits, starting with a letter, 3–45 characters. Default <c>DriveSync</c>.
    /// </summary>
    public string TaskHubName { get; set; } = "DriveSync";

    /// <summary>
    /// Number of control-queue partitions (1–16): the most processes that can run orchestrations at once. Fixed when the
    /// task hub is created; changing it later needs a new task hub. Default 4.
    /// </summary>
    public int PartitionCount { get; set; } = 4;

    /// <summary>
    /// How long a dequeued orchestration (control-queue) message stays hidden; a killed process's messages reappear after
    /// this. The engine renews it while an episode runs. 15 s – 10 min; default 30 s (the backend's own default is 5 min).
    /// </summary>
    public TimeSpan ControlQueueVisibilityTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long a dequeued activity (work-item queue) message stays hidden; a killed process's activities run again
    /// elsewhere after this. Renewed while the activity runs. 15 s – 10 min; default 30 s.
    /// </summary>
    public TimeSpan WorkItemQueueVisibilityTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long a partition lease lasts without renewal; a killed process's partitions move to another process after
    /// this. 5 s – 5 min and more than <see cref="LeaseRenewInterval"/>; default 15 s.
    /// </summary>
    public TimeSpan LeaseInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How often a process renews the partition leases it holds; less than <see cref="LeaseInterval"/>. Default 5 s.</summary>
    public TimeSpan LeaseRenewInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How often a process looks for expired or unbalanced partition leases to take. 1 s – 5 min; default 5 s.</summary>
    public TimeSpan LeaseAcquireInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Longest pause between polls of an idle queue (the engine backs off up to this). Lower reacts faster and costs more
    /// storage transactions when idle. 100 ms – 1 min; default 5 s (the backend's own default is 30 s).
    /// </summary>
    public TimeSpan MaxQueuePollingInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Most activities one process runs at once, 1–1000. Default 10.</summary>
    public int MaxConcurrentActivities { get; set; } = 10;

    /// <summary>Most orchestration episodes one process runs at once, 1–1000. Default 20.</summary>
    public int MaxConcurrentOrchestrations { get; set; } = 20;

    /// <summary>
    /// Keep an orchestration's history in memory between episodes instead of reloading it (fewer table reads for chatty
    /// orchestrations, more memory). Default off.
    /// </summary>
    public bool ExtendedSessions { get; set; }

    /// <summary>How long an idle extended session stays in memory, 1 s – 10 min. Default 30 s. Used only with <see cref="ExtendedSessions"/>.</summary>
    public TimeSpan ExtendedSessionIdleTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// This process's name in partition leases; must differ between processes of one task hub. Default: machine name,
    /// process id and a random suffix.
    /// </summary>
    public string? WorkerId { get; set; }
}
