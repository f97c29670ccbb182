using System.Buffers;
using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace DriveSync.DriveEmulator;

/// <summary>Writes Drive-shaped JSON answers and errors.</summary>
internal static class ApiResponses
{
    public static Task WriteJsonAsync(HttpContext context, int status, Action<Utf8JsonWriter> write) =>
        WriteJsonAsync(context, status, Serialize(write));

    public static async Task WriteJsonAsync(HttpContext context, int status, ReadOnlyMemory<byte> json)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=UTF-8";
        context.Response.ContentLength = json.Length;
        await context.Response.Body.WriteAsync(json, context.RequestAborted);
    }

    public static ReadOnlyMemory<byte> Serialize(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
            write(writer);
        return buffer.WrittenMemory;
    }

    /// <summary>A Google API error body: <c>{"error":{"code","message","errors":[{"domain","reason","message"}]}}</c>.</summary>
    public static Task ErrorAsync(HttpContext context, int status, string reason, string message, TimeSpan? retryAfter = null)
    {
        if (retryAfter is { } wait)
            context.Response.Headers.RetryAfter = Math.Max(1, (long)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        return WriteJsonAsync(context, status, w =>
        {
            w.WriteStartObject();
            w.WriteStartObject("error");
            w.WriteNumber("code", status);
            w.WriteString("message", message);
            w.WriteStartArray("errors");
            w.WriteStartObject();
            w.WriteString("domain", status is 403 or 429 && reason.Contains("RateLimit", StringComparison.Ordinal) ? "usageLimits" : "global");
            w.WriteString("reason", reason);
            w.WriteString("message", message);
            w.WriteEndObject();
            w.WriteEndArray();
            w.WriteEndObject();
            w.WriteEndObject();
        });
    }

    public static Task NotFoundAsync(HttpContext context, string id) =>
        ErrorAsync(context, 404, "notFound", $"File not found: {id}.");

    public static Task BadRequestAsync(HttpContext context, string reason, string message) =>
        ErrorAsync(context, 400, reason, message);

    public static void WriteFile(Utf8JsonWriter w, EmulatedFile f, FieldMask mask)
    {
        w.WriteStartObject();
        if (mask.Has("kind"))
            w.WriteString("kind", "drive#file");
        if (mask.Has("id"))
            w.WriteString("id", f.Id);
        if (mask.Has("name"))
            w.WriteString("name", f.Name);
        if (mask.Has("mimeType"))
            w.WriteString("mimeType", f.MimeType);
        if (mask.Has("parents"))
        {
            w.WriteStartArray("parents");
            foreach (var parent in f.Parents)
                w.WriteStringValue(parent);
            w.WriteEndArray();
        }

        if (f.Content is not null)
        {
            if (mask.Has("size"))
                w.WriteString("size", f.Content.LongLength.ToString(CultureInfo.InvariantCulture));
            if (mask.Has("md5Checksum"))
                w.WriteString("md5Checksum", f.Md5Checksum);
        }

        if (mask.Has("version"))
            w.WriteString("version", f.Version.ToString(CultureInfo.InvariantCulture));
        if (mask.Has("createdTime"))
            w.WriteString("createdTime", Rfc3339(f.CreatedTime));
        if (mask.Has("modifiedTime"))
            w.WriteString("modifiedTime", Rfc3339(f.ModifiedTime));
        if (mask.Has("trashed"))
            w.WriteBoolean("trashed", f.Trashed);
        if (f.ShortcutTargetId is not null && mask.Has("shortcutDetails"))
        {
            var sub = mask.Sub("shortcutDetails");
            w.WriteStartObject("shortcutDetails");
            if (sub.Has("targetId"))
                w.WriteString("targetId", f.ShortcutTargetId);
            if (sub.Has("targetMimeType"))
                w.WriteString("targetMimeType", f.ShortcutTargetMimeType);
            w.WriteEndObject();
        }

        if (f.Exports is not null && mask.Has("exportLinks"))
        {
            w.WriteStartObject("exportLinks");
            foreach (var type in f.Exports.Keys)
                w.WriteString(type, $"export?mimeType={Uri.EscapeDataString(type)}");
            w.WriteEndObject();
        }

        w.WriteEndObject();
    }

    public static string Rfc3339(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
