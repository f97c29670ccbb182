namespace DriveSync.DriveEmulator;

/// <summary>Settings of the local Drive v3 emulator (a development tool and test double).</summary>
public sealed class DriveEmulatorOptions
{
    /// <summary>A directory to serve as the Drive (subfolders become folders; <c>X.gdoc.docx</c>, <c>X.gsheet.xlsx</c>, <c>X.gslides.pptx</c>, <c>X.gdoc.txt</c>, <c>X.gsheet.csv</c> become Google-native files that only export; <c>X.pdf.ocr.txt</c> next to <c>X.pdf</c> is its OCR text for files.copy conversions, not a file). Default: none (an empty Drive to populate in memory).</summary>
    public string? RootDirectory { get; set; }

    /// <summary>Loopback port to listen on; 0 (the default) asks the OS for a free one.</summary>
    public int Port { get; set; }

    /// <summary>The access token every API request must carry as <c>Authorization: Bearer</c>; also what the <c>/token</c> endpoint issues. Default: none (no check; <c>/token</c> issues <c>emulator-token</c>).</summary>
    public string? BearerToken { get; set; }

    /// <summary>Page size when the request gives none. Default 100 (as Drive).</summary>
    public int DefaultPageSize { get; set; } = 100;

    /// <summary>Largest page size honoured; bigger requests are cut to it. Default 1000 (as Drive).</summary>
    public int MaxPageSize { get; set; } = 1000;

    /// <summary>Longest <c>q</c> files.list accepts, in characters; a longer one is refused with 400 <c>badRequest</c> "The query is too complex." (what Drive answers a query it will not run). Drive publishes no figure; the default 4000 sits above DriveSync's default <c>DriveSync:Drive:MaxQueryLength</c> (3000). Default 4000.</summary>
    public int MaxQueryLength { get; set; } = 4000;

    /// <summary>Largest export, in bytes; bigger exports fail with 403 <c>exportSizeLimitExceeded</c>. Default 10 MB (as Drive).</summary>
    public long ExportSizeLimitBytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>Clock for modifiedTime, the quota window and request timestamps. Default the system clock.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Seed of the random source that picks injected faults, for repeatable runs. Default 1.</summary>
    public int Seed { get; set; } = 1;

    /// <summary>Returns one message per invalid setting, each naming it; empty when valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (RootDirectory is not null && !Directory.Exists(RootDirectory))
            errors.Add($"RootDirectory (--root) does not exist: {RootDirectory}");
        if (Port is < 0 or > 65535)
            errors.Add("Port (--port) must be between 0 and 65535.");
        if (BearerToken is not null && string.IsNullOrWhiteSpace(BearerToken))
            errors.Add("BearerToken (--token) must not be blank.");
        if (MaxPageSize < 1)
            errors.Add("MaxPageSize must be at least 1.");
        if (DefaultPageSize < 1 || DefaultPageSize > MaxPageSize)
            errors.Add("DefaultPageSize must be between 1 and MaxPageSize.");
        if (MaxQueryLength < 1)
            errors.Add("MaxQueryLength must be at least 1.");
        if (ExportSizeLimitBytes < 0)
            errors.Add("ExportSizeLimitBytes must not be negative.");
        return errors;
    }
}
