namespace DriveSync.Sanitization.Text;

/// <summary>How the text family's structure is respected while redacting.</summary>
internal enum TextLayout
{
    /// <summary>Plain text, Markdown, HTML, XML, logs, e-mail: every character is scanned; replacements contain no markup characters.</summary>
    Plain,

    /// <summary>Comma-separated values: cell-aware, PII-named columns redacted whole.</summary>
    Csv,

    /// <summary>Tab-separated values: like <see cref="Csv"/> with tabs.</summary>
    Tsv,

    /// <summary>JSON: a replacement outside a string value is written as a string, so the output stays valid JSON.</summary>
    Json,
}
