using Microsoft.AspNetCore.Mvc;

namespace DriveSync.Host.Api;

/// <summary>
/// An API answer independent of how it travels: ASP.NET Core writes it as an HTTP response, the Azure Functions
/// invocation endpoints put it in the <c>res</c> output binding.
/// </summary>
public sealed record ApiResult(int StatusCode, object? Body, IReadOnlyDictionary<string, string> Headers)
{
    /// <summary>The media type of problem details bodies (RFC 7807 / RFC 9457).</summary>
    public const string ProblemContentType = "application/problem+json";

    /// <summary>A JSON body with <paramref name="statusCode"/>.</summary>
    public static ApiResult Json(int statusCode, object body, IReadOnlyDictionary<string, string>? headers = null) =>
        new(statusCode, body, headers ?? new Dictionary<string, string>());

    /// <summary>A problem details body; <paramref name="extensions"/> become extra members (e.g. the id of a run in progress).</summary>
    public static ApiResult Problem(int statusCode, string title, string detail, IReadOnlyDictionary<string, object?>? extensions = null, IReadOnlyDictionary<string, string>? headers = null)
    {
        var problem = new ProblemDetails
        {
            Type = $"https://www.rfc-editor.org/rfc/rfc9110#section-{ProblemSection(statusCode)}",
            Title = title,
            Status = statusCode,
            Detail = detail,
        };
        foreach (var (key, value) in extensions ?? new Dictionary<string, object?>())
        {
            problem.Extensions[key] = value;
        }

        return new ApiResult(statusCode, problem, headers ?? new Dictionary<string, string>());
    }

    /// <summary>An answer with a status code and no body (Durable Functions' 202 after terminate or raise event).</summary>
    public static ApiResult Empty(int statusCode, IReadOnlyDictionary<string, string>? headers = null) =>
        new(statusCode, null, headers ?? new Dictionary<string, string>());

    /// <summary>Whether the body is a problem details document.</summary>
    public bool IsProblem => Body is ProblemDetails;

    private static string ProblemSection(int statusCode) => statusCode switch
    {
        400 => "15.5.1",
        401 => "15.5.2",
        404 => "15.5.5",
        405 => "15.5.6",
        409 => "15.5.10",
        410 => "15.5.11",
        413 => "15.5.14",
        415 => "15.5.16",
        501 => "15.6.2",
        _ => "15.6.1",
    };
}
