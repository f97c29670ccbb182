namespace DriveSync.DriveEmulator;

/// <summary>MIME types the emulator knows, and the mapping of local file names to Drive items.</summary>
public static class MimeTypes
{
    /// <summary>DOCX.</summary>
    public const string Docx = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    /// <summary>XLSX.</summary>
    public const string Xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>PPTX.</summary>
    public const string Pptx = "application/vnd.openxmlformats-officedocument.presentationml.presentation";

    private static readonly Dictionary<string, string> ByExtension = new(StringComparer.OrdinalIgnoreCase)
    {
        [".pdf"] = "application/pdf",
        [".docx"] = Docx,
        [".xlsx"] = Xlsx,
        [".pptx"] = Pptx,
        [".txt"] = "text/plain",
        [".csv"] = "text/csv",
        [".md"] = "text/markdown",
        [".html"] = "text/html",
        [".htm"] = "text/html",
        [".json"] = "application/json",
        [".xml"] = "application/xml",
        [".rtf"] = "application/rtf",
        [".png"] = "image/png",
        [".jpg"] = "image/jpeg",
        [".jpeg"] = "image/jpeg",
        [".gif"] = "image/gif",
        [".zip"] = "application/zip",
    };

    /// <summary>The MIME type of a local file by extension (<c>application/octet-stream</c> when unknown).</summary>
    public static string ForFileName(string fileName) =>
        ByExtension.TryGetValue(Path.GetExtension(fileName), out var type) ? type : "application/octet-stream";

    /// <summary>
    /// For a local name like <c>Notes.gdoc.docx</c>: the Google-native type (<c>application/vnd.google-apps.document</c>),
    /// the Drive name (<c>Notes</c>) and the export type (DOCX). Null for ordinary files.
    /// </summary>
    public static (string GoogleMimeType, string DriveName, string ExportMimeType)? ParseGoogleNative(string fileName)
    {
        var extension = Path.GetExtension(fileName);
        var stem = Path.GetFileNameWithoutExtension(fileName);
        var kind = Path.GetExtension(stem).ToLowerInvariant();
        var google = kind switch
        {
            ".gdoc" => "application/vnd.google-apps.document",
            ".gsheet" => "application/vnd.google-apps.spreadsheet",
            ".gslides" => "application/vnd.google-apps.presentation",
            _ => null,
        };
        return google is null || extension.Length == 0 ? null : (google, Path.GetFileNameWithoutExtension(stem), ForFileName(fileName));
    }
}
