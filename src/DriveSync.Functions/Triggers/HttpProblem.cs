using System.Net;
using System.Text.Json;
using Microsoft.Azure.Functions.Worker.Http;

namespace DriveSync.Functions.Triggers;

/// <summary>JSON answers of the HTTP functions: RFC 9457 problem details for errors, camel-case JSON otherwise.</summary>
public static class HttpProblem
{
    /// <summary>The media type of a problem answer.</summary>
    public const string ContentType = "application/problem+json";

    /// <summary>camelCase, as the Durable instance API answers.</summary>
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>A problem answer with <paramref name="status"/>, a short title and a detail that helps the caller fix the request.</summary>
    public static Task<HttpResponseData> WriteAsync(HttpRequestData request, HttpStatusCode status, string title, string detail, CancellationToken cancellationToken) =>
        WriteJsonAsync(request, status, new { type = "about:blank", title, status = (int)status, detail }, ContentType, cancellationToken);

    /// <summary>A JSON answer of <paramref name="value"/>.</summary>
    public static async Task<HttpResponseData> WriteJsonAsync<T>(HttpRequestData request, HttpStatusCode status, T value, string contentType, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var response = request.CreateResponse(status);
        response.Headers.Add("Content-Type", contentType);
        await JsonSerializer.SerializeAsync(response.Body, value, Json, cancellationToken);
        return response;
    }
}
