using Google.Apis.Discovery;
using Google.Apis.Requests;
using Google.Apis.Services;
using Google.Apis.Util;

namespace DriveSync.GoogleDrive.Api;

/// <summary>Shared query parameters of our Drive requests (as the generated Drive library declares them).</summary>
internal abstract class DriveRequest<T> : ClientServiceRequest<T>
{
    // As in Google's generated requests, the parameter table is built on construction (derived field initializers have run by then).
    protected DriveRequest(IClientService service)
        : base(service) => InitParameters();

    [RequestParameter("fields", RequestParameterType.Query)]
    public string? Fields { get; set; }

    [RequestParameter("supportsAllDrives", RequestParameterType.Query)]
    public bool? SupportsAllDrives { get; set; }

    public override string HttpMethod => "GET";

    protected override void InitParameters()
    {
        base.InitParameters();
        AddQuery("fields");
        AddQuery("supportsAllDrives");
    }

    protected void AddQuery(string name) =>
        RequestParameters.Add(name, new Parameter { Name = name, IsRequired = false, ParameterType = "query" });

    protected void AddPath(string name) =>
        RequestParameters.Add(name, new Parameter { Name = name, IsRequired = true, ParameterType = "path" });
}

/// <summary><c>GET files</c> (files.list).</summary>
internal sealed class FilesListRequest(IClientService service) : DriveRequest<FileList>(service)
{
    [RequestParameter("q", RequestParameterType.Query)] public string? Q { get; set; }
    [RequestParameter("pageSize", RequestParameterType.Query)] public int? PageSize { get; set; }
    [RequestParameter("pageToken", RequestParameterType.Query)] public string? PageToken { get; set; }
    [RequestParameter("orderBy", RequestParameterType.Query)] public string? OrderBy { get; set; }
    [RequestParameter("corpora", RequestParameterType.Query)] public string? Corpora { get; set; }
    [RequestParameter("driveId", RequestParameterType.Query)] public string? DriveId { get; set; }
    [RequestParameter("includeItemsFromAllDrives", RequestParameterType.Query)] public bool? IncludeItemsFromAllDrives { get; set; }

    public override string MethodName => "list";

    public override string RestPath => "files";

    protected override void InitParameters()
    {
        base.InitParameters();
        foreach (var name in new[] { "q", "pageSize", "pageToken", "orderBy", "corpora", "driveId", "includeItemsFromAllDrives" })
            AddQuery(name);
    }
}

/// <summary><c>GET files/{fileId}</c> (files.get; with <c>alt=media</c> the content).</summary>
internal sealed class FilesGetRequest(IClientService service, string fileId) : DriveRequest<FileResource>(service)
{
    [RequestParameter("fileId", RequestParameterType.Path)] public string FileId { get; } = fileId;
    [RequestParameter("acknowledgeAbuse", RequestParameterType.Query)] public bool? AcknowledgeAbuse { get; set; }
    [RequestParameter("alt", RequestParameterType.Query)] public string? Alt { get; set; }

    public override string MethodName => "get";

    public override string RestPath => "files/{fileId}";

    protected override void InitParameters()
    {
        base.InitParameters();
        AddPath("fileId");
        AddQuery("acknowledgeAbuse");
        AddQuery("alt");
    }
}

/// <summary><c>GET files/{fileId}/export</c> (files.export).</summary>
internal sealed class FilesExportRequest(IClientService service, string fileId, string mimeType) : DriveRequest<string>(service)
{
    [RequestParameter("fileId", RequestParameterType.Path)] public string FileId { get; } = fileId;
    [RequestParameter("mimeType", RequestParameterType.Query)] public string MimeType { get; } = mimeType;

    public override string MethodName => "export";

    public override string RestPath => "files/{fileId}/export";

    protected override void InitParameters()
    {
        base.InitParameters();
        AddPath("fileId");
        RequestParameters.Add("mimeType", new Parameter { Name = "mimeType", IsRequired = true, ParameterType = "query" });
    }
}

/// <summary><c>PATCH files/{fileId}</c> (files.update) used to move a file between folders.</summary>
internal sealed class FilesUpdateRequest(IClientService service, string fileId) : DriveRequest<FileResource>(service)
{
    [RequestParameter("fileId", RequestParameterType.Path)] public string FileId { get; } = fileId;
    [RequestParameter("addParents", RequestParameterType.Query)] public string? AddParents { get; set; }
    [RequestParameter("removeParents", RequestParameterType.Query)] public string? RemoveParents { get; set; }

    public override string MethodName => "update";

    public override string RestPath => "files/{fileId}";

    public override string HttpMethod => "PATCH";

    protected override object GetBody() => new FileResource();

    protected override void InitParameters()
    {
        base.InitParameters();
        AddPath("fileId");
        AddQuery("addParents");
        AddQuery("removeParents");
    }
}

/// <summary><c>POST files/{fileId}/copy</c> (files.copy). A Google MIME type in the body converts the copy; PDFs and images are OCRed on the way.</summary>
internal sealed class FilesCopyRequest(IClientService service, string fileId, FileResource body) : DriveRequest<FileResource>(service)
{
    [RequestParameter("fileId", RequestParameterType.Path)] public string FileId { get; } = fileId;
    [RequestParameter("ocrLanguage", RequestParameterType.Query)] public string? OcrLanguage { get; set; }

    public override string MethodName => "copy";

    public override string RestPath => "files/{fileId}/copy";

    public override string HttpMethod => "POST";

    protected override object GetBody() => body;

    protected override void InitParameters()
    {
        base.InitParameters();
        AddPath("fileId");
        AddQuery("ocrLanguage");
    }
}

/// <summary><c>DELETE files/{fileId}</c> (files.delete): deletes for good, without the trash.</summary>
internal sealed class FilesDeleteRequest(IClientService service, string fileId) : DriveRequest<string>(service)
{
    [RequestParameter("fileId", RequestParameterType.Path)] public string FileId { get; } = fileId;

    public override string MethodName => "delete";

    public override string RestPath => "files/{fileId}";

    public override string HttpMethod => "DELETE";

    protected override void InitParameters()
    {
        base.InitParameters();
        AddPath("fileId");
    }
}

/// <summary><c>GET changes/startPageToken</c>.</summary>
internal sealed class ChangesGetStartPageTokenRequest(IClientService service) : DriveRequest<StartPageToken>(service)
{
    [RequestParameter("driveId", RequestParameterType.Query)] public string? DriveId { get; set; }

    public override string MethodName => "getStartPageToken";

    public override string RestPath => "changes/startPageToken";

    protected override void InitParameters()
    {
        base.InitParameters();
        AddQuery("driveId");
    }
}

/// <summary><c>GET changes</c> (changes.list).</summary>
internal sealed class ChangesListRequest(IClientService service, string pageToken) : DriveRequest<ChangeList>(service)
{
    [RequestParameter("pageToken", RequestParameterType.Query)] public string PageToken { get; } = pageToken;
    [RequestParameter("pageSize", RequestParameterType.Query)] public int? PageSize { get; set; }
    [RequestParameter("driveId", RequestParameterType.Query)] public string? DriveId { get; set; }
    [RequestParameter("includeItemsFromAllDrives", RequestParameterType.Query)] public bool? IncludeItemsFromAllDrives { get; set; }
    [RequestParameter("includeRemoved", RequestParameterType.Query)] public bool? IncludeRemoved { get; set; }
    [RequestParameter("spaces", RequestParameterType.Query)] public string? Spaces { get; set; }

    public override string MethodName => "list";

    public override string RestPath => "changes";

    protected override void InitParameters()
    {
        base.InitParameters();
        RequestParameters.Add("pageToken", new Parameter { Name = "pageToken", IsRequired = true, ParameterType = "query" });
        foreach (var name in new[] { "pageSize", "driveId", "includeItemsFromAllDrives", "includeRemoved", "spaces" })
            AddQuery(name);
    }
}
