namespace DriveSync.AzureStorage;

/// <summary>
/// Settings of the Blob + Queue client, bound from configuration section
/// <c>DriveSync:Storage</c> (environment form <c>DriveSync__Storage__ConnectionString</c>).
/// Transport retries are Azure.Core's <c>RetryPolicy</c>, configured here; it is the only retry layer for storage calls.
/// </summary>
public sealed class StorageClientOptions
{
    /// <summary>Configuration section the options bind from.</summary>
    public const string SectionName = "DriveSync:Storage";

    /// <summary>Largest block the client stages, the service allows more but 8 MiB bounds buffer memory.</summary>
    public const int MaxBlockSizeBytes = 8 * 1024 * 1024;

    /// <summary>
    /// A storage connection string (Shared Key, SAS or <c>UseDevelopmentStorage=true</c>). Default: none.
    /// When set it wins over <see cref="BlobServiceUri"/> and <see cref="QueueServiceUri"/>.
    /// </summary>
    public string? ConnectionString { get; set; }

    /// <summary>
    /// Blob service endpoint for token (managed identity) authentication, e.g. <c>https://acct.blob.core.windows.net</c>.
    /// Used only when <see cref="ConnectionString"/> is empty. Default: none.
    /// </summary>
    public Uri? BlobServiceUri { get; set; }

    /// <summary>Queue service endpoint for token authentication, e.g. <c>https://acct.queue.core.windows.net</c>. Default: none.</summary>
    public Uri? QueueServiceUri { get; set; }

    /// <summary>Transport retries Azure.Core makes after the first attempt (throttling, 5xx, network errors). Default 5.</summary>
    public int MaxRetries { get; set; } = 5;

    /// <summary>First retry delay; exponential back-off with jitter doubles it. Default 0.8 s.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(0.8);

    /// <summary>Upper bound of one retry delay. Default 30 s.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Time allowed for one network operation (a request, or one read of a download stream). Default 100 s.</summary>
    public TimeSpan NetworkTimeout { get; set; } = TimeSpan.FromSeconds(100);

    /// <summary>Size of one staged block of a block upload, 1 KiB to 8 MiB. Default 4 MiB.</summary>
    public int BlockSizeBytes { get; set; } = 4 * 1024 * 1024;

    /// <summary>Content up to this size is uploaded with one Put Blob request; larger content is staged in blocks. 0 to 8 MiB. Default 4 MiB.</summary>
    public int SingleUploadThresholdBytes { get; set; } = 4 * 1024 * 1024;

    /// <summary>Checks the settings; each message names the setting it is about. Empty when valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(ConnectionString) && BlobServiceUri is null)
        {
            errors.Add($"{SectionName}:ConnectionString or {SectionName}:BlobServiceUri must be set.");
        }

        if (string.IsNullOrWhiteSpace(ConnectionString) && BlobServiceUri is not null && QueueServiceUri is null)
        {
            errors.Add($"{SectionName}:QueueServiceUri must be set when {SectionName}:BlobServiceUri is used.");
        }

        CheckAbsolute(errors, BlobServiceUri, nameof(BlobServiceUri));
        CheckAbsolute(errors, QueueServiceUri, nameof(QueueServiceUri));
        errors.AddRange(ValidateTransport());
        return errors;
    }

    /// <summary>Checks the retry, timeout and block settings only (the connection may come from elsewhere).</summary>
    internal List<string> ValidateTransport()
    {
        var errors = new List<string>();
        if (MaxRetries is < 0 or > 20)
        {
            errors.Add($"{SectionName}:MaxRetries must be between 0 and 20 (was {MaxRetries}).");
        }

        if (RetryDelay <= TimeSpan.Zero || RetryDelay > MaxRetryDelay)
        {
            errors.Add($"{SectionName}:RetryDelay must be positive and not above {SectionName}:MaxRetryDelay.");
        }

        if (NetworkTimeout <= TimeSpan.Zero)
        {
            errors.Add($"{SectionName}:NetworkTimeout must be positive.");
        }

        if (BlockSizeBytes is < 1024 or > MaxBlockSizeBytes)
        {
            errors.Add($"{SectionName}:BlockSizeBytes must be between 1024 and {MaxBlockSizeBytes} (was {BlockSizeBytes}).");
        }

        if (SingleUploadThresholdBytes is < 0 or > MaxBlockSizeBytes)
        {
            errors.Add($"{SectionName}:SingleUploadThresholdBytes must be between 0 and {MaxBlockSizeBytes} (was {SingleUploadThresholdBytes}).");
        }

        return errors;
    }

    internal void EnsureTransportValid()
    {
        var errors = ValidateTransport();
        if (errors.Count > 0)
        {
            throw new ArgumentException("Invalid storage settings: " + string.Join(" ", errors));
        }
    }

    private static void CheckAbsolute(List<string> errors, Uri? uri, string name)
    {
        if (uri is not null && (!uri.IsAbsoluteUri || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp)))
        {
            errors.Add($"{SectionName}:{name} must be an absolute http(s) URI.");
        }
    }
}
