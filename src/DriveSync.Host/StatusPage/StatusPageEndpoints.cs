using DriveSync.Host.Api;

namespace DriveSync.Host.StatusPage;

/// <summary>Maps the status page at <c>/</c> (and <c>/status</c>, its path under Azure Functions) behind the API key.</summary>
public static class StatusPageEndpoints
{
    /// <summary>Maps the page.</summary>
    public static IEndpointRouteBuilder MapStatusPage(this IEndpointRouteBuilder endpoints)
    {
        var page = endpoints.MapGroup(string.Empty).AddEndpointFilter<ApiKeyEndpointFilter>();
        foreach (var path in new[] { "/", "/status" })
        {
            page.MapGet(path, (HttpResponse response) =>
            {
                response.Headers.ContentSecurityPolicy = StatusPageContent.ContentSecurityPolicy;
                response.Headers.CacheControl = "no-store";
                response.Headers["Referrer-Policy"] = "no-referrer";
                response.Headers.XContentTypeOptions = "nosniff";
                return Results.Content(StatusPageContent.Html, "text/html; charset=utf-8");
            });
        }

        return endpoints;
    }
}
