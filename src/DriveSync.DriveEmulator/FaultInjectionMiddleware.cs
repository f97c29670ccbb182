using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace DriveSync.DriveEmulator;

/// <summary>In front of every API request: counts it, checks the bearer token, applies the quota and injects faults.</summary>
internal sealed class FaultInjectionMiddleware(
    EmulatorFaults faults, EmulatorCounters counters, DriveEmulatorOptions options)
{
    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        var now = options.TimeProvider.GetUtcNow();
        counters.Request(now);
        if (options.BearerToken is { } expected && !HasBearer(context, expected))
        {
            counters.Unauthenticated();
            context.Response.Headers.WWWAuthenticate = "Bearer realm=\"https://accounts.google.com/\"";
            await ApiResponses.ErrorAsync(context, 401, "authError", "Invalid Credentials");
            return;
        }

        if (faults.TakeQuota(now) is { } wait)
        {
            counters.Quota();
            await ApiResponses.ErrorAsync(context, 429, "userRateLimitExceeded", "User rate limit exceeded.", wait);
            return;
        }

        var isMedia = context.Request.Query["alt"] == "media" || context.Request.Path.Value?.EndsWith("/export", StringComparison.Ordinal) == true;
        var fault = faults.Next(isMedia);
        if (fault is not null)
            counters.Fault();
        switch (fault)
        {
            case EmulatorFaultKind.TooManyRequests:
                await ApiResponses.ErrorAsync(context, 429, "rateLimitExceeded", "Rate limit exceeded.", faults.RetryAfter);
                return;
            case EmulatorFaultKind.RateLimitExceeded:
                await ApiResponses.ErrorAsync(context, 403, "rateLimitExceeded", "Rate limit exceeded.");
                return;
            case EmulatorFaultKind.UserRateLimitExceeded:
                await ApiResponses.ErrorAsync(context, 403, "userRateLimitExceeded", "User rate limit exceeded.");
                return;
            case EmulatorFaultKind.InternalServerError:
                await ApiResponses.ErrorAsync(context, 500, "backendError", "Backend Error");
                return;
            case EmulatorFaultKind.ServiceUnavailable:
                await ApiResponses.ErrorAsync(context, 503, "backendError", "Backend Error");
                return;
            case EmulatorFaultKind.ConnectionReset:
                context.Abort();
                return;
            case EmulatorFaultKind.TruncatedBody:
                await TruncateAsync(context, next);
                return;
            case EmulatorFaultKind.SlowResponse:
                await Task.Delay(faults.SlowResponseDelay, options.TimeProvider, context.RequestAborted);
                break;
        }

        await next(context);
    }

    private static bool HasBearer(HttpContext context, string expected)
    {
        var header = context.Request.Headers.Authorization.ToString();
        const string prefix = "Bearer ";
        if (!header.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            return false;
        return CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(header[prefix.Length..].Trim()), Encoding.UTF8.GetBytes(expected));
    }

    // Announces the full length, sends the first half, then ends the response short.
    private static async Task TruncateAsync(HttpContext context, RequestDelegate next)
    {
        var original = context.Response.Body;
        using var buffer = new MemoryStream();
        context.Response.Body = buffer;
        try
        {
            await next(context);
        }
        finally
        {
            context.Response.Body = original;
        }

        if (context.Response.StatusCode is < 200 or > 299 || buffer.Length < 2)
        {
            buffer.Position = 0;
            await buffer.CopyToAsync(original, context.RequestAborted);
            return;
        }

        context.Response.ContentLength = buffer.Length;
        await original.WriteAsync(buffer.GetBuffer().AsMemory(0, (int)(buffer.Length / 2)), context.RequestAborted);
        await original.FlushAsync(context.RequestAborted);

        // Returning short of the announced Content-Length makes Kestrel close the connection after the bytes sent.
    }
}
