using DriveSync.Pipeline.State;

namespace DriveSync.Pipeline.Work;

/// <summary>
/// Where a file's sanitized output goes: <c>{file id}/{version key}/{sanitized name}</c> in the output
/// container, a function of the source file and its version only, so a batch that runs twice writes the same blob.
/// </summary>
public static class OutputNaming
{
    private static readonly Dictionary<string, string> ExportExtensions = new(StringComparer.OrdinalIgnoreCase)
    {
        ["application/vnd.openxmlformats-officedocument.wordprocessingml.document"] = ".docx",
        ["application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"] = ".xlsx",
        ["application/vnd.openxmlformats-officedocument.presentationml.presentation"] = ".pptx",
        ["application/pdf"] = ".pdf",
        ["text/csv"] = ".csv",
        ["text/plain"] = ".txt",
    };

    public static string BlobName(BatchFile file) => $"{Safe(file.Id)}/{Safe(file.VersionKey)}/{file.Name}";

    /// <summary>The prefix of every output of a file, all versions: <c>{file id}/</c>.</summary>
    public static string FilePrefix(string fileId) => Safe(fileId) + "/";

    /// <summary>The prefix of every output of one version of a file: <c>{file id}/{version key}/</c>.</summary>
    public static string VersionPrefix(BatchFile file) => $"{Safe(file.Id)}/{Safe(file.VersionKey)}/";

    /// <summary>The file id, version key and stored name an output blob name is made of (the name may hold further slashes: none do).</summary>
    public static (string FileId, string VersionKey, string Name) Parse(string blobName)
    {
        ArgumentNullException.ThrowIfNull(blobName);
        var parts = blobName.Split('/', 3);
        return parts.Length == 3 ? (parts[0], parts[1], parts[2]) : (parts[0], "", parts[^1]);
    }

    /// <summary>Where the sanitized DOCX of a file converted by OCR goes: <see cref="BlobName"/> with <c>.docx</c> appended to the name.</summary>
    public static string OcrBlobName(BatchFile file) => $"{Safe(file.Id)}/{Safe(file.VersionKey)}/{OcrName(file.Name)}";

    /// <summary>The name the OCR text of a file is sanitized and stored under: its stored name with <c>.docx</c> appended.</summary>
    public static string OcrName(string storedName) => StoredName(storedName + ".docx", null);

    /// <summary>
    /// The name a file is stored under, from its sanitized Drive name: path separators and control
    /// characters replaced, the export extension added for Google Docs, at most 200 characters.
    /// </summary>
    public static string StoredName(string sanitizedName, string? exportMimeType)
    {
        var chars = sanitizedName.Select(c => char.IsControl(c) || c is '/' or '\\' ? '_' : c).ToArray();
        var name = new string(chars).Trim().TrimEnd('.');
        if (name.Length == 0)
            name = "unnamed";
        if (exportMimeType is not null && ExportExtensions.TryGetValue(exportMimeType, out var extension)
            && !name.EndsWith(extension, StringComparison.OrdinalIgnoreCase))
            name += extension;
        return name.Length <= 200 ? name : name[..(200 - Path.GetExtension(name).Length)] + Path.GetExtension(name);
    }

    private static string Safe(string segment) =>
        new(segment.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '_').ToArray());
}
