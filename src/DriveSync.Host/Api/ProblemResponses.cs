namespace DriveSync.Host.Api;

/// <summary>
/// Gives every error a problem-details body: answers an unhandled exception with 500, and fills the empty bodies
/// that routing and the server leave (404 no route, 405 wrong method, 413, …).
/// </summary>
public static partial class ProblemResponses
{
    /// <summary>Adds the middleware; call before the routes are mapped.</summary>
    public static WebApplication UseProblemResponses(this WebApplication app)
    {
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ProblemResponses).FullName!);
        app.Use(async (context, next) =>
        {
            try
            {
                await next(context);
            }
            catch (Exception exception) when (!context.Response.HasStarted && !context.RequestAborted.IsCancellationRequested)
            {
                LogUnhandled(logger, exception, context.Request.Method, (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? "(no route)");
                context.Response.Clear();
                await ApiResult.Problem(500, "Internal error", "The request failed on the server; it was logged. Try again; if it keeps failing, look for the logged error.").ToHttpResult().ExecuteAsync(context);
                return;
            }

            var response = context.Response;
            if (response.StatusCode >= 400 && !response.HasStarted && response.ContentType is null && response.ContentLength is null or 0
                && !HttpMethods.IsHead(context.Request.Method))
            {
                await Problem(response.StatusCode).ToHttpResult().ExecuteAsync(context);
            }
        });
        return app;
    }

    /// <summary>The problem for a status code answered without a body.</summary>
    public static ApiResult Problem(int statusCode) => statusCode switch
    {
        404 => ApiResult.Problem(404, "Not found", "No resource at this address. The API lives under /api/runs and /runtime/webhooks/durabletask/instances."),
        405 => ApiResult.Problem(405, "Method not allowed", "This address does not take this HTTP method."),
        413 => ApiResult.Problem(413, "Request body too large", "The request body is larger than the server accepts."),
        415 => ApiResult.Problem(415, "Unsupported media type", "Send the body as Content-Type: application/json."),
        _ => ApiResult.Problem(statusCode, "Request failed", $"The request was answered with status {statusCode}."),
    };

    [LoggerMessage(EventId = 290, Level = LogLevel.Error, Message = "Unhandled error answering {Method} {Route}")]
    private static partial void LogUnhandled(ILogger logger, Exception exception, string method, string route);
}
