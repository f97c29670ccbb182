namespace DriveSync.Pipeline.Storage;

/// <summary>
/// The storage account, bound from <c>DriveSync:Storage</c> (environment form <c>DriveSync__Storage__ConnectionString</c>).
/// A connection string wins over the service URIs; without one, the service URIs are used with an Entra ID token
/// (<c>DefaultAzureCredential</c>, or the credential the section's <c>Credential</c>/<c>ClientId</c> keys name).
/// The Azure SDK's <c>RetryOptions</c>, configured here, are the only retry layer of storage calls.
/// </summary>
public sealed class StorageOptions
{
    /// <summary>Configuration section the options bind from.</summary>
    public const string SectionName = "DriveSync:Storage";

    /// <summary>Largest block size: the buffers of an upload are <see cref="UploadConcurrency"/> blocks.</summary>
    public const int MaxBlockSizeBytes = 100 * 1024 * 1024;

    /// <summary>
    /// A storage connection string: <c>UseDevelopmentStorage=true</c>, an account key string, a SAS string, with optional
    /// <c>BlobEndpoint</c>/<c>QueueEndpoint</c>/<c>TableEndpoint</c> (all three when one is given). Default: none.
    /// </summary>
    public string? ConnectionString { get; set; }

    /// <summary>Blob service endpoint for Entra ID, e.g. <c>https://acct.blob.core.windows.net</c>. Default: none.</summary>
    public Uri? BlobServiceUri { get; set; }

    /// <summary>Queue service endpoint for Entra ID. Required with <see cref="BlobServiceUri"/>. Default: none.</summary>
    public Uri? QueueServiceUri { get; set; }

    /// <summary>
    /// Table service endpoint for Entra ID (the durable engine keeps its history in tables). Default: derived from
    /// <see cref="BlobServiceUri"/> when that is <c>https://acct.blob.suffix</c>; required otherwise.
    /// </summary>
    public Uri? TableServiceUri { get; set; }

    /// <summary>
    /// Client id of the user-assigned managed identity to use with the service URIs. Default: none (then
    /// <c>DefaultAzureCredential</c>, which also honours <c>AZURE_CLIENT_ID</c>). Read by Microsoft.Extensions.Azure's credential rules.
    /// </summary>
    public string? ClientId { get; set; }

    /// <summary>Retries the Azure SDK makes after the first attempt (throttling, 5xx, network errors), 0 to 20. Default 5.</summary>
    public int MaxRetries { get; set; } = 5;

    /// <summary>First retry delay; exponential back-off with jitter from here. Default 0.8 s.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(0.8);

    /// <summary>Upper bound of one retry delay. Default 30 s.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Time allowed for one network operation (a request, or one read of a download stream). Default 100 s.</summary>
    public TimeSpan NetworkTimeout { get; set; } = TimeSpan.FromSeconds(100);

    /// <summary>Size of one staged block of a block upload, 1 KiB to 100 MiB. Default 4 MiB.</summary>
    public int BlockSizeBytes { get; set; } = 4 * 1024 * 1024;

    /// <summary>Content up to this size goes in one Put Blob request; larger content in blocks. 1 KiB to 100 MiB. Default 4 MiB.</summary>
    public int SingleUploadThresholdBytes { get; set; } = 4 * 1024 * 1024;

    /// <summary>Blocks of one upload sent at the same time, 1 to 16 (each holds a block-sized buffer). Default 2.</summary>
    public int UploadConcurrency { get; set; } = 2;

    /// <summary>
    /// How long the start-up check and <c>/healthz/ready</c> wait for the account to answer before calling it
    /// unreachable, 1 to 25 s. Default 10 s.
    /// </summary>
    public TimeSpan ReadinessTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Checks the settings; each message names the setting it is about. Empty when valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (!string.IsNullOrWhiteSpace(ConnectionString))
        {
            if (StorageConnectionString.Check(ConnectionString) is { } problem)
            {
                errors.Add($"{SectionName}:ConnectionString {problem}");
            }
        }
        else if (BlobServiceUri is null)
        {
            errors.Add($"{SectionName}:ConnectionString or {SectionName}:BlobServiceUri must be set.");
        }
        else
        {
            CheckAbsolute(errors, BlobServiceUri, nameof(BlobServiceUri));
            CheckAbsolute(errors, QueueServiceUri, nameof(QueueServiceUri));
            CheckAbsolute(errors, TableServiceUri, nameof(TableServiceUri));
            if (QueueServiceUri is null)
            {
                errors.Add($"{SectionName}:QueueServiceUri must be set when {SectionName}:BlobServiceUri is used.");
            }

            if (TableServiceUri is null && BlobServiceUri.IsAbsoluteUri && DeriveTableUri(BlobServiceUri) is null)
            {
                errors.Add($"{SectionName}:TableServiceUri must be set when {SectionName}:BlobServiceUri is not of the form https://account.blob.suffix.");
            }
        }

        CheckRange(errors, nameof(MaxRetries), MaxRetries, 0, 20);
        if (RetryDelay <= TimeSpan.Zero || RetryDelay > MaxRetryDelay)
        {
            errors.Add($"{SectionName}:RetryDelay must be positive and not above {SectionName}:MaxRetryDelay.");
        }

        if (NetworkTimeout <= TimeSpan.Zero)
        {
            errors.Add($"{SectionName}:NetworkTimeout must be positive.");
        }

        CheckRange(errors, nameof(BlockSizeBytes), BlockSizeBytes, 1024, MaxBlockSizeBytes);
        CheckRange(errors, nameof(SingleUploadThresholdBytes), SingleUploadThresholdBytes, 1024, MaxBlockSizeBytes);
        CheckRange(errors, nameof(UploadConcurrency), UploadConcurrency, 1, 16);
        if (ReadinessTimeout < TimeSpan.FromSeconds(1) || ReadinessTimeout > TimeSpan.FromSeconds(25))
        {
            errors.Add($"{SectionName}:ReadinessTimeout must be between 1 and 25 seconds.");
        }

        return errors;
    }

    /// <summary>The table endpoint: <see cref="TableServiceUri"/>, or the blob endpoint's with <c>.blob.</c> turned into <c>.table.</c>.</summary>
    public Uri? EffectiveTableServiceUri => TableServiceUri ?? (BlobServiceUri is { IsAbsoluteUri: true } blob ? DeriveTableUri(blob) : null);

    private static Uri? DeriveTableUri(Uri blob)
    {
        var host = blob.Host;
        var at = host.IndexOf(".blob.", StringComparison.OrdinalIgnoreCase);
        return at <= 0 ? null : new UriBuilder(blob) { Host = host[..at] + ".table." + host[(at + 6)..] }.Uri;
    }

    private static void CheckRange(List<string> errors, string name, int value, int min, int max)
    {
        if (value < min || value > max)
        {
            errors.Add($"{SectionName}:{name} must be between {min} and {max} (was {value}).");
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
