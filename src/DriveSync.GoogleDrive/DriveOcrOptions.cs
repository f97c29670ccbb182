using System.Text.RegularExpressions;

namespace DriveSync.GoogleDrive;

/// <summary>
/// Settings of the opt-in OCR route for scanned PDFs and images (no text layer), bound from
/// <c>DriveSync:Drive:Ocr</c> (environment form <c>DriveSync__Drive__Ocr__Enabled</c>). The route copies the file as
/// a Google Doc (Drive runs OCR while converting), exports that as DOCX and deletes the temporary copy.
/// </summary>
public sealed partial class DriveOcrOptions
{
    /// <summary>True to send files without a text layer through Drive's OCR conversion. Default false: they are quarantined.</summary>
    public bool Enabled { get; set; }

    /// <summary>
    /// Folder the temporary Google Doc is created in. Default: none (the source file's own folder). The account needs
    /// write access to it; the copy lives there only for the conversion.
    /// </summary>
    public string? TempFolderId { get; set; }

    /// <summary>OCR language hint sent as <c>ocrLanguage</c> (an ISO 639-1 code such as <c>en</c> or <c>de</c>). Default: none (Drive detects the language).</summary>
    public string? Language { get; set; }

    /// <summary>Time allowed to delete the temporary copy once the conversion ended (also after a failure or cancellation). Default 30 s.</summary>
    public TimeSpan CleanupTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Returns one message per invalid setting, each naming the setting; empty when valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        const string p = "DriveSync:Drive:Ocr:";
        if (TempFolderId is not null && string.IsNullOrWhiteSpace(TempFolderId))
            errors.Add($"{p}TempFolderId must not be blank; leave it unset to use the source file's folder.");
        if (Language is not null && !LanguageCode().IsMatch(Language))
            errors.Add($"{p}Language must be an ISO 639-1 language code such as 'en' (optionally with a region, 'pt-BR').");
        if (CleanupTimeout <= TimeSpan.Zero || CleanupTimeout > TimeSpan.FromMinutes(10))
            errors.Add($"{p}CleanupTimeout must be positive and at most 10 minutes.");
        return errors;
    }

    [GeneratedRegex("^[a-z]{2,3}(-[A-Za-z]{2,4})?$", RegexOptions.CultureInvariant)]
    private static partial Regex LanguageCode();
}
