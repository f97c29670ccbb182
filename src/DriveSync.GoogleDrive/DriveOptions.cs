namespace DriveSync.GoogleDrive;

/// <summary>How a Drive shortcut found while listing is treated.</summary>
public enum ShortcutHandling
{
    /// <summary>A shortcut to a file is replaced by the file it points to (one extra files.get per shortcut). Shortcuts to folders are not followed.</summary>
    Resolve,

    /// <summary>Shortcuts are left out of the listing.</summary>
    Skip,
}

/// <summary>The format Google Docs, Sheets and Slides are exported to.</summary>
public enum GoogleExportFormat
{
    /// <summary>Docs → DOCX, Sheets → XLSX, Slides → PPTX.</summary>
    Office,

    /// <summary>Docs → text/plain, Sheets → text/csv (first sheet only, a Drive limitation), Slides → text/plain.</summary>
    Text,
}

/// <summary>
/// Settings of the Google Drive source, bound from configuration section <c>DriveSync:Drive</c>
/// (environment form <c>DriveSync__Drive__FolderId</c>). Exactly one credential kind must be set:
/// a service account (<see cref="ServiceAccountJsonPath"/> or <see cref="ServiceAccountJson"/>),
/// an OAuth user refresh token (<see cref="OAuthClientId"/> + <see cref="OAuthClientSecret"/> + <see cref="OAuthRefreshToken"/>),
/// or a static <see cref="BearerToken"/>.
/// </summary>
public sealed class DriveOptions
{
    /// <summary>The configuration section the options are bound from.</summary>
    public const string SectionName = "DriveSync:Drive";

    /// <summary>The OAuth scope requested: read access plus the metadata change needed by the optional post-processing move.</summary>
    public const string DefaultScope = "https://www.googleapis.com/auth/drive";

    /// <summary>Root of the Drive API. Default <c>https://www.googleapis.com/</c>; point it at the emulator for local runs. The API path <c>drive/v3/</c> is appended unless the URI already ends with it.</summary>
    public Uri BaseUri { get; set; } = new("https://www.googleapis.com/");

    /// <summary>Path of a service-account key file (JSON). Default: none.</summary>
    public string? ServiceAccountJsonPath { get; set; }

    /// <summary>A service-account key as inline JSON (e.g. from Key Vault). Default: none. Never logged.</summary>
    public string? ServiceAccountJson { get; set; }

    /// <summary>User to impersonate with domain-wide delegation (service accounts only). Default: none (the service account acts as itself).</summary>
    public string? ImpersonateSubject { get; set; }

    /// <summary>OAuth client id for the user refresh-token flow. Default: none.</summary>
    public string? OAuthClientId { get; set; }

    /// <summary>OAuth client secret for the user refresh-token flow. Default: none. Never logged.</summary>
    public string? OAuthClientSecret { get; set; }

    /// <summary>OAuth refresh token for the user flow. Default: none. Never logged.</summary>
    public string? OAuthRefreshToken { get; set; }

    /// <summary>Token endpoint for the OAuth user flow. Default <c>https://oauth2.googleapis.com/token</c>. (Service accounts use the <c>token_uri</c> of their key.)</summary>
    public Uri OAuthTokenUri { get; set; } = new("https://oauth2.googleapis.com/token");

    /// <summary>A static access token sent as <c>Authorization: Bearer</c> (tests, quick tries; it is not refreshed). Default: none. Never logged.</summary>
    public string? BearerToken { get; set; }

    /// <summary>OAuth scope requested by service-account and user credentials. Default <see cref="DefaultScope"/>.</summary>
    public string Scope { get; set; } = DefaultScope;

    /// <summary>Id of the source folder whose files (and subfolders, recursively) are copied. Required.</summary>
    public string? FolderId { get; set; }

    /// <summary>Id of the shared drive the folder lives in; sets <c>corpora=drive</c> and <c>driveId</c> on listings. Default: none (My Drive / shared with me).</summary>
    public string? SharedDriveId { get; set; }

    /// <summary>Files per <c>files.list</c> page, 1–1000. Default 1000 (fewest calls).</summary>
    public int PageSize { get; set; } = 1000;

    /// <summary>
    /// Folders listed together by one <c>files.list</c> (<c>'a' in parents or 'b' in parents …</c>), 1–100; the results are
    /// assigned to their folders by their <c>parents</c>. 1 lists one folder per call. Default 50 (what rclone uses).
    /// </summary>
    public int ListGroupSize { get; set; } = 50;

    /// <summary>
    /// Longest <c>q</c> of a grouped <c>files.list</c>, in characters, 200–30000: a group takes fewer folders when their ids
    /// would make it longer. A query Drive still refuses (400) is split in half and retried. Default 3000 (50 folder ids of
    /// 33 characters and their <c>in parents or</c> glue fit).
    /// </summary>
    public int MaxQueryLength { get; set; } = 3000;

    /// <summary>
    /// When a group of several folders comes back with no items at all, list each of its folders once more on its own.
    /// Drive has been seen to answer an <c>or</c> of folders shared with the caller with an empty list; this guard costs one
    /// call per folder of such a group (only groups of empty folders pay it). Default true.
    /// </summary>
    public bool RelistEmptyGroups { get; set; } = true;

    /// <summary>
    /// Shortcut targets outside the source tree that the listing remembers (in its cursor) so that a file reached through
    /// several shortcuts is listed once, 0–100000. Past it the oldest are forgotten: a target reached again through a shortcut
    /// after that many other outside targets is listed again. Targets inside the tree need no memory. Default 10000.
    /// </summary>
    public int MaxRememberedShortcutTargets { get; set; } = 10_000;

    /// <summary>Process-wide Drive request rate (token-bucket refill per second). Default 10.</summary>
    public double RequestsPerSecond { get; set; } = 10;

    /// <summary>Token-bucket size: requests that may go out at once after an idle spell. Default 10.</summary>
    public int Burst { get; set; } = 10;

    /// <summary>Retries after the first attempt for a retryable failure (429, rate-limit 403, 5xx, timeout, dropped connection). Default 6.</summary>
    public int MaxRetries { get; set; } = 6;

    /// <summary>First retry delay; later ones grow exponentially with jitter. Default 1 s.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Longest single retry delay, including a server's <c>Retry-After</c>. Default 64 s (Google's documented backoff ceiling).</summary>
    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromSeconds(64);

    /// <summary>Timeout of one attempt of a metadata call (list, get, update, changes). Default 30 s.</summary>
    public TimeSpan PerAttemptTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Timeout of one attempt of a media download or export (a resumed download starts a new attempt). Default 10 min.</summary>
    public TimeSpan DownloadAttemptTimeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Failure ratio (server errors, timeouts, dropped connections; not throttling) that opens the circuit. Default 0.5.</summary>
    public double CircuitFailureRatio { get; set; } = 0.5;

    /// <summary>Window over which the failure ratio is measured. Default 30 s.</summary>
    public TimeSpan CircuitSamplingDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Calls needed in the window before the circuit may open. Default 20.</summary>
    public int CircuitMinimumThroughput { get; set; } = 20;

    /// <summary>How long an open circuit rejects calls before one trial call. Default 30 s.</summary>
    public TimeSpan CircuitBreakDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>What to do with shortcuts found in the source tree. Default <see cref="ShortcutHandling.Resolve"/>.</summary>
    public ShortcutHandling ShortcutHandling { get; set; } = ShortcutHandling.Resolve;

    /// <summary>Export format of Google-native files. Default <see cref="GoogleExportFormat.Office"/>.</summary>
    public GoogleExportFormat ExportFormat { get; set; } = GoogleExportFormat.Office;

    /// <summary>Size of the buffer a download is streamed through. Default 1 MiB.</summary>
    public int DownloadChunkSize { get; set; } = 1024 * 1024;

    /// <summary>Application name sent in the User-Agent. Default <c>DriveSync</c>.</summary>
    public string ApplicationName { get; set; } = "DriveSync";

    /// <summary>The opt-in OCR route for scanned PDFs and images (section <c>DriveSync:Drive:Ocr</c>). Default: off.</summary>
    public DriveOcrOptions Ocr { get; set; } = new();

    /// <summary>Returns one message per invalid setting, each naming the setting; empty when valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        const string p = "DriveSync:Drive:";
        if (!BaseUri.IsAbsoluteUri || (BaseUri.Scheme != Uri.UriSchemeHttps && BaseUri.Scheme != Uri.UriSchemeHttp))
            errors.Add($"{p}BaseUri must be an absolute http(s) URI.");
        if (string.IsNullOrWhiteSpace(FolderId))
            errors.Add($"{p}FolderId is required: the id of the Drive folder to copy (the last part of its URL).");

        var serviceAccount = !string.IsNullOrWhiteSpace(ServiceAccountJsonPath) || !string.IsNullOrWhiteSpace(ServiceAccountJson);
        var oauth = !string.IsNullOrWhiteSpace(OAuthClientId) || !string.IsNullOrWhiteSpace(OAuthClientSecret) || !string.IsNullOrWhiteSpace(OAuthRefreshToken);
        var bearer = !string.IsNullOrWhiteSpace(BearerToken);
        var kinds = (serviceAccount ? 1 : 0) + (oauth ? 1 : 0) + (bearer ? 1 : 0);
        if (kinds == 0)
            errors.Add($"{p}ServiceAccountJsonPath, {p}ServiceAccountJson, {p}OAuthClientId/OAuthClientSecret/OAuthRefreshToken or {p}BearerToken: one credential is required.");
        else if (kinds > 1)
            errors.Add($"{p}ServiceAccountJson(Path), {p}OAuth* and {p}BearerToken: set only one kind of credential.");
        if (ServiceAccountJson?.StartsWith("@Microsoft.KeyVault(", StringComparison.OrdinalIgnoreCase) == true)
            errors.Add($"{p}ServiceAccountJson is an unresolved Key Vault reference: check the app's identity can read the secret.");
        if (!string.IsNullOrWhiteSpace(ServiceAccountJsonPath) && !string.IsNullOrWhiteSpace(ServiceAccountJson))
            errors.Add($"{p}ServiceAccountJsonPath and {p}ServiceAccountJson: set only one.");
        if (!string.IsNullOrWhiteSpace(ServiceAccountJsonPath) && !File.Exists(ServiceAccountJsonPath))
            errors.Add($"{p}ServiceAccountJsonPath points to a file that does not exist.");
        if (oauth && (string.IsNullOrWhiteSpace(OAuthClientId) || string.IsNullOrWhiteSpace(OAuthClientSecret) || string.IsNullOrWhiteSpace(OAuthRefreshToken)))
            errors.Add($"{p}OAuthClientId, {p}OAuthClientSecret and {p}OAuthRefreshToken must all be set for the OAuth user flow.");
        if (!string.IsNullOrWhiteSpace(ImpersonateSubject) && !serviceAccount)
            errors.Add($"{p}ImpersonateSubject needs a service account ({p}ServiceAccountJsonPath or {p}ServiceAccountJson).");
        if (string.IsNullOrWhiteSpace(Scope))
            errors.Add($"{p}Scope must not be empty.");

        if (PageSize is < 1 or > 1000)
            errors.Add($"{p}PageSize must be between 1 and 1000 (was {PageSize}).");
        if (ListGroupSize is < 1 or > 100)
            errors.Add($"{p}ListGroupSize must be between 1 and 100 (was {ListGroupSize}).");
        if (MaxQueryLength is < 200 or > 30_000)
            errors.Add($"{p}MaxQueryLength must be between 200 and 30000 (was {MaxQueryLength}).");
        if (MaxRememberedShortcutTargets is < 0 or > 100_000)
            errors.Add($"{p}MaxRememberedShortcutTargets must be between 0 and 100000 (was {MaxRememberedShortcutTargets}).");
        if (!(RequestsPerSecond > 0))
            errors.Add($"{p}RequestsPerSecond must be greater than 0.");
        if (Burst < 1)
            errors.Add($"{p}Burst must be at least 1.");
        if (MaxRetries is < 0 or > 20)
            errors.Add($"{p}MaxRetries must be between 0 and 20.");
        if (RetryBaseDelay <= TimeSpan.Zero)
            errors.Add($"{p}RetryBaseDelay must be positive.");
        if (RetryMaxDelay < RetryBaseDelay)
            errors.Add($"{p}RetryMaxDelay must be at least RetryBaseDelay.");
        if (PerAttemptTimeout <= TimeSpan.Zero)
            errors.Add($"{p}PerAttemptTimeout must be positive.");
        if (DownloadAttemptTimeout <= TimeSpan.Zero)
            errors.Add($"{p}DownloadAttemptTimeout must be positive.");
        if (CircuitFailureRatio is <= 0 or > 1)
            errors.Add($"{p}CircuitFailureRatio must be in (0, 1].");
        if (CircuitSamplingDuration < TimeSpan.FromMilliseconds(500))
            errors.Add($"{p}CircuitSamplingDuration must be at least 500 ms.");
        if (CircuitMinimumThroughput < 2)
            errors.Add($"{p}CircuitMinimumThroughput must be at least 2.");
        if (CircuitBreakDuration < TimeSpan.FromMilliseconds(500))
            errors.Add($"{p}CircuitBreakDuration must be at least 500 ms.");
        if (DownloadChunkSize is < 4096 or > 64 * 1024 * 1024)
            errors.Add($"{p}DownloadChunkSize must be between 4096 and 67108864 bytes.");
        if (string.IsNullOrWhiteSpace(ApplicationName))
            errors.Add($"{p}ApplicationName must not be empty.");
        if (Ocr is null)
            errors.Add($"{p}Ocr must not be null.");
        else
            errors.AddRange(Ocr.Validate());
        return errors;
    }
}
