using System.Globalization;
using Azure;
using Azure.Core;

namespace DriveSync.AzureStorage.Internal;

/// <summary>Writes request conditions and metadata as headers and reads blob properties back from response headers.</summary>
internal static class BlobHeaders
{
    private const string MetaPrefix = "x-ms-meta-";

    public static void ApplyConditions(Request request, BlobRequestConditions? conditions)
    {
        if (conditions is null)
        {
            return;
        }

        if (conditions.IfMatch is { } ifMatch)
        {
            request.Headers.SetValue("If-Match", ifMatch.ToString("H"));
        }

        if (conditions.IfNoneMatch is { } ifNoneMatch)
        {
            request.Headers.SetValue("If-None-Match", ifNoneMatch.ToString("H"));
        }

        if (conditions.IfModifiedSince is { } modifiedSince)
        {
            request.Headers.SetValue("If-Modified-Since", modifiedSince.ToString("R", CultureInfo.InvariantCulture));
        }

        if (conditions.IfUnmodifiedSince is { } unmodifiedSince)
        {
            request.Headers.SetValue("If-Unmodified-Since", unmodifiedSince.ToString("R", CultureInfo.InvariantCulture));
        }

        if (conditions.LeaseId is { } leaseId)
        {
            request.Headers.SetValue("x-ms-lease-id", leaseId);
        }
    }

    /// <summary>Writes <c>x-ms-meta-*</c> headers; callers validate with <see cref="BlobMetadata.Validate"/> first.</summary>
    public static void ApplyMetadata(Request request, IReadOnlyDictionary<string, string>? metadata)
    {
        if (metadata is null)
        {
            return;
        }

        foreach (var (key, value) in metadata)
        {
            request.Headers.SetValue(MetaPrefix + key, value);
        }
    }

    public static BlobProperties ReadProperties(Response response)
    {
        var metadata = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var header in response.Headers)
        {
            if (header.Name.StartsWith(MetaPrefix, StringComparison.OrdinalIgnoreCase))
            {
                metadata[header.Name[MetaPrefix.Length..]] = header.Value;
            }
        }

        response.Headers.TryGetValue("Content-Type", out var contentType);
        response.Headers.TryGetValue("x-ms-lease-state", out var leaseState);
        return new BlobProperties(
            ReadETag(response),
            ReadLastModified(response),
            response.Headers.ContentLength ?? 0,
            contentType,
            metadata,
            ParseLeaseState(leaseState));
    }

    public static string RequiredHeader(Response response, string name) =>
        response.Headers.TryGetValue(name, out var value)
            ? value
            : throw new InvalidOperationException($"The storage response has no {name} header.");

    public static ETag ReadETag(Response response) =>
        response.Headers.ETag ?? throw new InvalidOperationException("The storage response has no ETag header.");

    public static DateTimeOffset ReadLastModified(Response response) =>
        response.Headers.TryGetValue("Last-Modified", out var value) ? ParseDate(value) : default;

    public static DateTimeOffset ParseDate(string value) =>
        DateTimeOffset.ParseExact(value, "R", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

    public static BlobLeaseState ParseLeaseState(string? value) => value switch
    {
        "leased" => BlobLeaseState.Leased,
        "expired" => BlobLeaseState.Expired,
        "breaking" => BlobLeaseState.Breaking,
        "broken" => BlobLeaseState.Broken,
        _ => BlobLeaseState.Available,
    };
}
