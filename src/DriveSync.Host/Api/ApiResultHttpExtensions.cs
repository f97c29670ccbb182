
namespace DriveSync.Host.Api;

/// <summary>Writes an <see cref="ApiResult"/> as an ASP.NET Core response.</summary>
public static class ApiResultHttpExtensions
{
    /// <summary>The result as an <see cref="IResult"/>: JSON (or problem+json) body, status code and headers.</summary>
    public static IResult ToHttpResult(this ApiResult result) => new ApiHttpResult(result);

    private sealed class ApiHttpResult(ApiResult result) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            foreach (var (name, value) in result.Headers)
            {
                httpContext.Response.Headers[name] = value;
            }

            if (result.Body is null)
            {
                httpContext.Response.StatusCode = result.StatusCode;
                return Task.CompletedTask;
            }

            return Results.Json(result.Body, ApiJson.Options, result.IsProblem ? ApiResult.ProblemContentType : "application/json", result.StatusCode).ExecuteAsync(httpContext);
        }
    }
}
