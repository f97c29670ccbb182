
namespace DriveSync.Host.Api;

/// <summary>Lets a request through only with a valid key in the <c>x-functions-key</c> header or the <c>code</c> query parameter; else 401 problem details.</summary>
public sealed class ApiKeyEndpointFilter(ApiKeyAuthorizer authorizer) : IEndpointFilter
{
    /// <summary>The challenge sent with every 401: the scheme and where the key goes.</summary>
    public const string Challenge = $"ApiKey realm=\"DriveSync\", header=\"{ApiKeyAuthorizer.HeaderName}\", query=\"{ApiKeyAuthorizer.QueryName}\"";

    /// <inheritdoc />
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var request = context.HttpContext.Request;
        var presented = request.Headers.TryGetValue(ApiKeyAuthorizer.HeaderName, out var header) ? header.ToString() : request.Query[ApiKeyAuthorizer.QueryName].ToString();
        if (!authorizer.IsAuthorized(presented))
        {
            return ApiResult.Problem(
                401,
                "Missing or wrong key",
                $"Send a key from DriveSync:Api:Keys as the {ApiKeyAuthorizer.HeaderName} header or the {ApiKeyAuthorizer.QueryName} query parameter.",
                headers: new Dictionary<string, string> { ["WWW-Authenticate"] = Challenge }).ToHttpResult();
        }

        return await next(context);
    }
}
