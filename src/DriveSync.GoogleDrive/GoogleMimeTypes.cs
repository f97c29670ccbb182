namespace DriveSync.GoogleDrive;

/// <summary>Drive MIME types and the export format of Google-native files.</summary>
public static class GoogleMimeTypes
{
    /// <summary>A Drive folder.</summary>
    public const string Folder = "application/vnd.google-apps.folder";

    /// <summary>A Drive shortcut.</summary>
    public const string Shortcut = "application/vnd.google-apps.shortcut";

    /// <summary>A Google Doc.</summary>
    public const string Document = "application/vnd.google-apps.document";

    /// <summary>A Google Sheet.</summary>
    public const string Spreadsheet = "application/vnd.google-apps.spreadsheet";

    /// <summary>Google Slides.</summary>
    public const string Presentation = "application/vnd.google-apps.presentation";

    /// <summary>DOCX.</summary>
    public const string Docx = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    /// <summary>XLSX.</summary>
    public const string Xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>PPTX.</summary>
    public const string Pptx = "application/vnd.openxmlformats-officedocument.presentationml.presentation";

    /// <summary>True for any <c>application/vnd.google-apps.*</c> type (no stored bytes).</summary>
    public static bool IsGoogleApps(string mimeType) => mimeType.StartsWith("application/vnd.google-apps.", StringComparison.Ordinal);

    /// <summary>The export MIME type of a Google-native type in the chosen format; null when we do not export that type (forms, drawings, sites…).</summary>
    public static string? ExportTypeFor(string mimeType, GoogleExportFormat format) => (mimeType, format) switch
    {
        (Document, GoogleExportFormat.Office) => Docx,
        (Spreadsheet, GoogleExportFormat.Office) => Xlsx,
        (Presentation, GoogleExportFormat.Office) => Pptx,
        (Document, GoogleExportFormat.Text) => "text/plain",
        (Spreadsheet, GoogleExportFormat.Text) => "text/csv",
        (Presentation, GoogleExportFormat.Text) => "text/plain",
        _ => null,
    };
}
