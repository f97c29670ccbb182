namespace DriveSync.Sanitization.Pdf;

/// <summary>Limits of the PDF redactor, bound from configuration section <c>DriveSync:Pdf</c> (env form <c>DriveSync__Pdf__MaxPages</c>).</summary>
public sealed class PdfRedactionOptions
{
    /// <summary>The configuration section these options bind from.</summary>
    public const string SectionName = "DriveSync:Pdf";

    /// <summary>Largest PDF accepted, in bytes; larger files are quarantined. Default 256 MiB. The whole file is held in memory while it is redacted.</summary>
    public long MaxBytes { get; set; } = 256L * 1024 * 1024;

    /// <summary>Most pages accepted; longer documents are quarantined. Default 10 000.</summary>
    public int MaxPages { get; set; } = 10_000;

    /// <summary>Largest decoded content of one page (all its content streams together), in bytes. Default 64 MiB.</summary>
    public int MaxPageContentBytes { get; set; } = 64 * 1024 * 1024;

    /// <summary>Error messages naming the invalid setting; empty when the options are valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (MaxBytes < 1024)
        {
            errors.Add($"{SectionName}:MaxBytes must be at least 1024 (bytes).");
        }

        if (MaxPages < 1)
        {
            errors.Add($"{SectionName}:MaxPages must be at least 1.");
        }

        if (MaxPageContentBytes < 1024)
        {
            errors.Add($"{SectionName}:MaxPageContentBytes must be at least 1024 (bytes).");
        }

        return errors;
    }
}
