using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace DriveSync.DriveEmulator;

/// <summary>The Drive v3 operations the emulator serves.</summary>
internal sealed class DriveApiEndpoints(EmulatorStore store, EmulatorCounters counters, EmulatorFaults faults, DriveEmulatorOptions options)
{
    private const string DefaultListFields = "kind,nextPageToken,incompleteSearch,files(kind,id,name,mimeType)";
    private const string DefaultFileFields = "kind,id,name,mimeType";

    /// <summary>GET drive/v3/files (files.list).</summary>
    public async Task ListAsync(HttpContext context)
    {
        var request = context.Request.Query;
        counters.List(!string.IsNullOrWhiteSpace(request["fields"]), request["q"]);
        var mask = FieldMask.Parse(request["fields"], DefaultListFields);
        if (mask is null)
        {
            await ApiResponses.BadRequestAsync(context, "invalidParameter", "Invalid field selection.");
            return;
        }

        if (request["q"].ToString().Length > options.MaxQueryLength)
        {
            counters.QueryRefused();
            await ApiResponses.BadRequestAsync(context, "badRequest", "The query is too complex.");
            return;
        }

        var query = DriveQuery.Parse(request["q"]);
        if (query is null)
        {
            await ApiResponses.BadRequestAsync(context, "invalid", "Invalid Value");
            return;
        }

        if (request["corpora"] == "drive" && string.IsNullOrWhiteSpace(request["driveId"]))
        {
            await ApiResponses.BadRequestAsync(context, "invalid", "The driveId parameter must be specified if and only if corpora is set to drive.");
            return;
        }

        if (!string.IsNullOrWhiteSpace(request["driveId"]) && (request["includeItemsFromAllDrives"] != "true" || request["supportsAllDrives"] != "true"))
        {
            await ApiResponses.BadRequestAsync(context, "invalid", "includeItemsFromAllDrives and supportsAllDrives must be true when driveId is set.");
            return;
        }

        var pageSize = options.DefaultPageSize;
        if (!string.IsNullOrEmpty(request["pageSize"]))
        {
            if (!int.TryParse(request["pageSize"], NumberStyles.None, CultureInfo.InvariantCulture, out pageSize) || pageSize < 1)
            {
                await ApiResponses.BadRequestAsync(context, "invalid", "Invalid value for pageSize.");
                return;
            }

            pageSize = Math.Min(pageSize, options.MaxPageSize);
        }

        var offset = 0;
        var queryKey = QueryKey(request["q"]);
        if (!string.IsNullOrEmpty(request["pageToken"]) && !TryReadPageToken(request["pageToken"]!, queryKey, out offset))
        {
            await ApiResponses.BadRequestAsync(context, "invalid", "Invalid Value");
            return;
        }

        await ApiResponses.WriteJsonAsync(context, 200, w => store.Read((files, children) =>
        {
            IEnumerable<EmulatedFile> candidates = query.ParentIds.Count > 0
                ? query.ParentIds.SelectMany(parent => children.TryGetValue(parent, out var ids) ? ids : []).Distinct(StringComparer.Ordinal).Select(id => files[id])
                : files.Values.Where(f => f.Id != store.RootFolderId);
            var matched = candidates.Where(query.Matches).Skip(offset).Take(pageSize + 1).ToList();
            var hasMore = matched.Count > pageSize;
            if (hasMore)
                matched.RemoveAt(matched.Count - 1);

            w.WriteStartObject();
            if (mask.Has("kind"))
                w.WriteString("kind", "drive#fileList");
            if (hasMore && mask.Has("nextPageToken"))
                w.WriteString("nextPageToken", PageToken(offset + pageSize, queryKey));
            if (mask.Has("incompleteSearch"))
                w.WriteBoolean("incompleteSearch", false);
            if (mask.Has("files"))
            {
                var fileMask = mask.Sub("files");
                w.WriteStartArray("files");
                foreach (var file in matched)
                    ApiResponses.WriteFile(w, file, fileMask);
                w.WriteEndArray();
            }

            w.WriteEndObject();
            return 0;
        }));
    }

    /// <summary>
    /// POST drive/v3/files with <c>X-HTTP-Method-Override: GET</c>: a files.list whose parameters came in a form body
    /// because its URL was too long (what Google's client library does past 2048 characters, and Google honours).
    /// </summary>
    public async Task OverriddenListAsync(HttpContext context)
    {
        if (!string.Equals(context.Request.Headers["X-HTTP-Method-Override"], "GET", StringComparison.OrdinalIgnoreCase) || !context.Request.HasFormContentType)
        {
            await ApiResponses.ErrorAsync(context, 404, "notFound", "Not Found");
            return;
        }

        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        context.Request.QueryString += QueryString.Create(form.Select(p => KeyValuePair.Create(p.Key, p.Value)));
        await ListAsync(context);
    }

    /// <summary>GET drive/v3/files/{id} (metadata, or content with alt=media).</summary>
    public async Task GetAsync(HttpContext context)
    {
        var id = (string)context.Request.RouteValues["id"]!;
        if (context.Request.Query["alt"] == "media")
        {
            await MediaAsync(context, id);
            return;
        }

        counters.Get();
        var mask = FieldMask.Parse(context.Request.Query["fields"], DefaultFileFields);
        if (mask is null)
        {
            await ApiResponses.BadRequestAsync(context, "invalidParameter", "Invalid field selection.");
            return;
        }

        await WriteFileOrNotFoundAsync(context, id, mask);
    }

    /// <summary>GET drive/v3/files/{id}/export?mimeType=.</summary>
    public async Task ExportAsync(HttpContext context)
    {
        counters.Export();
        var id = (string)context.Request.RouteValues["id"]!;
        string? mimeType = context.Request.Query["mimeType"];
        if (string.IsNullOrWhiteSpace(mimeType))
        {
            await ApiResponses.BadRequestAsync(context, "required", "Required parameter: mimeType");
            return;
        }

        var (found, exports, copied) = store.Read((files, _) =>
            files.TryGetValue(id, out var f) ? (true, f.Exports, f.CopiedFrom is not null) : (false, null, false));
        if (!found)
        {
            counters.Missing();
            await ApiResponses.NotFoundAsync(context, id);
            return;
        }

        if (copied && faults.FailExportAfterCopy)
        {
            await ApiResponses.ErrorAsync(context, 500, "backendError", "Backend Error");
            return;
        }

        if (exports is null)
        {
            await ApiResponses.ErrorAsync(context, 403, "fileNotExportable", "Export only supports Docs Editors files.");
            return;
        }

        if (!exports.TryGetValue(mimeType!, out var bytes))
        {
            await ApiResponses.BadRequestAsync(context, "badRequest", "The requested conversion is not supported.");
            return;
        }

        if (bytes.LongLength > options.ExportSizeLimitBytes)
        {
            await ApiResponses.ErrorAsync(context, 403, "exportSizeLimitExceeded", "This file is too large to be exported.");
            return;
        }

        context.Response.StatusCode = 200;
        context.Response.ContentType = mimeType;
        context.Response.ContentLength = bytes.LongLength;
        await context.Response.Body.WriteAsync(bytes, context.RequestAborted);
    }

    /// <summary>PATCH drive/v3/files/{id} (files.update; addParents/removeParents).</summary>
    public async Task UpdateAsync(HttpContext context)
    {
        counters.Update();
        var id = (string)context.Request.RouteValues["id"]!;
        await context.Request.Body.CopyToAsync(Stream.Null, context.RequestAborted);
        var add = SplitIds(context.Request.Query["addParents"]);
        var remove = SplitIds(context.Request.Query["removeParents"]);
        var mask = FieldMask.Parse(context.Request.Query["fields"], DefaultFileFields);
        if (mask is null)
        {
            await ApiResponses.BadRequestAsync(context, "invalidParameter", "Invalid field selection.");
            return;
        }

        var missing = store.Read((files, _) =>
            !files.ContainsKey(id) ? id : add.FirstOrDefault(p => !files.TryGetValue(p, out var f) || f.MimeType != EmulatorStore.FolderMimeType));
        if (missing is not null)
        {
            counters.Missing();
            await ApiResponses.NotFoundAsync(context, missing);
            return;
        }

        store.Move(id, add, remove);
        await WriteFileOrNotFoundAsync(context, id, mask);
    }

    /// <summary>
    /// POST drive/v3/files/{id}/copy (files.copy). Body: optional <c>name</c>, <c>parents</c> (one folder) and
    /// <c>mimeType</c>; <c>application/vnd.google-apps.document</c> converts a PDF or image (OCR, from the text set with
    /// <see cref="EmulatorStore.SetOcrText"/>); <c>ocrLanguage</c> is recorded on the copy.
    /// </summary>
    public async Task CopyAsync(HttpContext context)
    {
        counters.Copy();
        var id = (string)context.Request.RouteValues["id"]!;
        var mask = FieldMask.Parse(context.Request.Query["fields"], DefaultFileFields);
        if (mask is null)
        {
            await ApiResponses.BadRequestAsync(context, "invalidParameter", "Invalid field selection.");
            return;
        }

        var body = await CopyBody.ReadAsync(context.Request.Body, context.RequestAborted);
        if (body is null)
        {
            await ApiResponses.BadRequestAsync(context, "parseError", "Parse Error");
            return;
        }

        if (body.Parents.Count > 1)
        {
            await ApiResponses.ErrorAsync(context, 403, "cannotAddParent", "A file can have only one parent folder.");
            return;
        }

        string? ocrLanguage = context.Request.Query["ocrLanguage"];
        switch (store.TryCopy(id, body.Name, body.Parents.FirstOrDefault(), body.MimeType, string.IsNullOrEmpty(ocrLanguage) ? null : ocrLanguage, out var result))
        {
            case CopyOutcome.NotFound:
                counters.Missing();
                await ApiResponses.NotFoundAsync(context, result);
                return;
            case CopyOutcome.ConversionNotSupported:
                await ApiResponses.BadRequestAsync(context, "badRequest", "The requested conversion is not supported.");
                return;
            default:
                await WriteFileOrNotFoundAsync(context, result, mask);
                return;
        }
    }

    /// <summary>DELETE drive/v3/files/{id} (files.delete): 204 No Content.</summary>
    public async Task DeleteAsync(HttpContext context)
    {
        counters.Delete();
        var id = (string)context.Request.RouteValues["id"]!;
        if (faults.FailDeletes)
        {
            await ApiResponses.ErrorAsync(context, 403, "insufficientFilePermissions", "The user does not have sufficient permissions for this file.");
            return;
        }

        if (!store.TryDelete(id))
        {
            counters.Missing();
            await ApiResponses.NotFoundAsync(context, id);
            return;
        }

        context.Response.StatusCode = 204;
    }

    /// <summary>GET drive/v3/changes/startPageToken.</summary>
    public Task StartPageTokenAsync(HttpContext context)
    {
        counters.Changes();
        var token = store.NextChangeSequence.ToString(CultureInfo.InvariantCulture);
        return ApiResponses.WriteJsonAsync(context, 200, w =>
        {
            w.WriteStartObject();
            w.WriteString("kind", "drive#startPageToken");
            w.WriteString("startPageToken", token);
            w.WriteEndObject();
        });
    }

    /// <summary>GET drive/v3/changes (changes.list).</summary>
    public async Task ChangesAsync(HttpContext context)
    {
        counters.Changes();
        var request = context.Request.Query;
        if (!long.TryParse(request["pageToken"], NumberStyles.None, CultureInfo.InvariantCulture, out var sequence) || sequence < 1)
        {
            await ApiResponses.BadRequestAsync(context, "invalid", "Invalid Value");
            return;
        }

        var pageSize = int.TryParse(request["pageSize"], NumberStyles.None, CultureInfo.InvariantCulture, out var size) && size > 0
            ? Math.Min(size, options.MaxPageSize)
            : options.DefaultPageSize;
        var mask = FieldMask.Parse(request["fields"], "kind,nextPageToken,newStartPageToken,changes");
        if (mask is null)
        {
            await ApiResponses.BadRequestAsync(context, "invalidParameter", "Invalid field selection.");
            return;
        }

        var changes = store.ChangesFrom(sequence, pageSize, out var next);
        var last = next >= store.NextChangeSequence;
        var changeMask = mask.Sub("changes");
        await ApiResponses.WriteJsonAsync(context, 200, w => store.Read((files, _) =>
        {
            w.WriteStartObject();
            if (mask.Has("kind"))
                w.WriteString("kind", "drive#changeList");
            var token = next.ToString(CultureInfo.InvariantCulture);
            if (last && mask.Has("newStartPageToken"))
                w.WriteString("newStartPageToken", token);
            if (!last && mask.Has("nextPageToken"))
                w.WriteString("nextPageToken", token);
            w.WriteStartArray("changes");
            foreach (var change in changes)
            {
                files.TryGetValue(change.FileId, out var file);
                w.WriteStartObject();
                if (changeMask.Has("kind"))
                    w.WriteString("kind", "drive#change");
                if (changeMask.Has("changeType"))
                    w.WriteString("changeType", "file");
                if (changeMask.Has("fileId"))
                    w.WriteString("fileId", change.FileId);
                if (changeMask.Has("removed"))
                    w.WriteBoolean("removed", file is null);
                if (changeMask.Has("time"))
                    w.WriteString("time", ApiResponses.Rfc3339(change.Time));
                if (file is not null && changeMask.Has("file"))
                {
                    w.WritePropertyName("file");
                    ApiResponses.WriteFile(w, file, changeMask.Sub("file"));
                }

                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
            return 0;
        }));
    }

    private async Task MediaAsync(HttpContext context, string id)
    {
        var rangeHeader = context.Request.Headers.Range.ToString();
        counters.Media(rangeHeader.Length > 0);
        var (found, content, mimeType) = store.Read((files, _) =>
            files.TryGetValue(id, out var f) ? (true, f.Content, f.MimeType) : (false, null, null));
        if (!found)
        {
            counters.Missing();
            await ApiResponses.NotFoundAsync(context, id);
            return;
        }

        if (content is null)
        {
            await ApiResponses.ErrorAsync(context, 403, "fileNotDownloadable", "Only files with binary content can be downloaded. Use Export with Docs Editors files.");
            return;
        }

        long from = 0;
        var to = content.LongLength - 1;
        var partial = false;
        if (rangeHeader.Length > 0)
        {
            if (!RangeHeaderValue.TryParse(rangeHeader, out var range) || range.Unit != "bytes" || range.Ranges.Count != 1)
            {
                await ApiResponses.ErrorAsync(context, 416, "requestedRangeNotSatisfiable", "Request range not satisfiable.");
                return;
            }

            var item = range.Ranges.First();
            from = item.From ?? Math.Max(0, content.LongLength - (item.To ?? 0));
            to = item.From is null ? content.LongLength - 1 : Math.Min(item.To ?? content.LongLength - 1, content.LongLength - 1);
            if (from >= content.LongLength || from > to)
            {
                context.Response.Headers.ContentRange = $"bytes */{content.LongLength}";
                await ApiResponses.ErrorAsync(context, 416, "requestedRangeNotSatisfiable", "Request range not satisfiable.");
                return;
            }

            partial = true;
        }

        context.Response.StatusCode = partial ? 206 : 200;
        context.Response.ContentType = mimeType;
        context.Response.Headers.AcceptRanges = "bytes";
        if (partial)
            context.Response.Headers.ContentRange = $"bytes {from}-{to}/{content.LongLength}";
        context.Response.ContentLength = to - from + 1;
        await context.Response.Body.WriteAsync(content.AsMemory((int)from, (int)(to - from + 1)), context.RequestAborted);
    }

    private async Task WriteFileOrNotFoundAsync(HttpContext context, string id, FieldMask mask)
    {
        var json = store.Read((files, _) =>
            files.TryGetValue(id, out var file) ? (ReadOnlyMemory<byte>?)ApiResponses.Serialize(w => ApiResponses.WriteFile(w, file, mask)) : null);
        if (json is null)
        {
            counters.Missing();
            await ApiResponses.NotFoundAsync(context, id);
            return;
        }

        await ApiResponses.WriteJsonAsync(context, 200, json.Value);
    }

    private static string[] SplitIds(string? value) =>
        string.IsNullOrWhiteSpace(value) ? [] : value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static string QueryKey(string? q) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(q ?? string.Empty)))[..12];

    private static string PageToken(int offset, string queryKey) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes($"{offset}:{queryKey}")).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static bool TryReadPageToken(string token, string queryKey, out int offset)
    {
        offset = 0;
        try
        {
            var padded = token.Replace('-', '+').Replace('_', '/');
            padded += new string('=', (4 - (padded.Length % 4)) % 4);
            var parts = Encoding.UTF8.GetString(Convert.FromBase64String(padded)).Split(':');
            return parts.Length == 2 && parts[1] == queryKey
                && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out offset);
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
