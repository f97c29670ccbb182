using Newtonsoft.Json;

namespace DriveSync.GoogleDrive.Api;

/// <summary>Drive v3 <c>File</c> resource (the fields we request).</summary>
internal sealed class FileResource
{
    [JsonProperty("id")] public string? Id { get; set; }
    [JsonProperty("name")] public string? Name { get; set; }
    [JsonProperty("mimeType")] public string? MimeType { get; set; }
    [JsonProperty("size")] public long? Size { get; set; }
    [JsonProperty("md5Checksum")] public string? Md5Checksum { get; set; }
    [JsonProperty("modifiedTime")] public string? ModifiedTime { get; set; }
    [JsonProperty("version")] public long? Version { get; set; }
    [JsonProperty("parents")] public IList<string>? Parents { get; set; }
    [JsonProperty("trashed")] public bool? Trashed { get; set; }
    [JsonProperty("shortcutDetails")] public ShortcutDetails? ShortcutDetails { get; set; }
}

internal sealed class ShortcutDetails
{
    [JsonProperty("targetId")] public string? TargetId { get; set; }
    [JsonProperty("targetMimeType")] public string? TargetMimeType { get; set; }
}

internal sealed class FileList
{
    [JsonProperty("nextPageToken")] public string? NextPageToken { get; set; }
    [JsonProperty("incompleteSearch")] public bool? IncompleteSearch { get; set; }
    [JsonProperty("files")] public IList<FileResource>? Files { get; set; }
}

internal sealed class ChangeResource
{
    [JsonProperty("fileId")] public string? FileId { get; set; }
    [JsonProperty("removed")] public bool? Removed { get; set; }
    [JsonProperty("time")] public string? Time { get; set; }
    [JsonProperty("file")] public FileResource? File { get; set; }
}

internal sealed class ChangeList
{
    [JsonProperty("nextPageToken")] public string? NextPageToken { get; set; }
    [JsonProperty("newStartPageToken")] public string? NewStartPageToken { get; set; }
    [JsonProperty("changes")] public IList<ChangeResource>? Changes { get; set; }
}

internal sealed class StartPageToken
{
    [JsonProperty("startPageToken")] public string? Token { get; set; }
}
