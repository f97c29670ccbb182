using System.Buffers;
using Microsoft.AspNetCore.Http.Features;

namespace DriveSync.Host.Api;

/// <summary>
/// Reads a small JSON request body safely: refuses a declared length over the cap before reading a byte (413), a
/// non-JSON media type (415), and stops reading as soon as an undeclared (chunked) body passes the cap (413), so an
/// oversized body never sits in memory. The unread rest is left to the server, which discards it after the answer
/// (up to its own request body limit) so that the client, still sending, reads the 413 instead of a reset connection.
/// The bytes are then read strictly by their route (<see cref="DriveSync.Pipeline.Orchestration.StartRunBody"/>).
/// </summary>
public static class JsonBody
{
    /// <summary>
    /// The body's bytes (empty when the request has none), or the problem to answer. At most
    /// <paramref name="maxBytes"/> bytes are ever buffered.
    /// </summary>
    public static async Task<(ReadOnlyMemory<byte> Bytes, ApiResult? Problem)> ReadAsync(HttpRequest request, int maxBytes, CancellationToken cancellationToken)
    {
        var canHaveBody = request.HttpContext.Features.Get<IHttpRequestBodyDetectionFeature>()?.CanHaveBody ?? request.ContentLength > 0;
        if (!canHaveBody || request.ContentLength == 0)
        {
            return (ReadOnlyMemory<byte>.Empty, null);
        }

        if (request.ContentLength > maxBytes)
        {
            return (ReadOnlyMemory<byte>.Empty, TooLarge(maxBytes));
        }

        if (!IsJson(request.ContentType))
        {
            return (ReadOnlyMemory<byte>.Empty, ApiResult.Problem(415, "Unsupported media type", "Send the body as Content-Type: application/json."));
        }

        var buffer = ArrayPool<byte>.Shared.Rent(maxBytes + 1);
        try
        {
            var total = 0;
            int read;
            while ((read = await request.Body.ReadAsync(buffer.AsMemory(total, maxBytes + 1 - total), cancellationToken)) > 0)
            {
                total += read;
                if (total > maxBytes)
                {
                    return (ReadOnlyMemory<byte>.Empty, TooLarge(maxBytes));
                }
            }

            return (buffer.AsSpan(0, total).ToArray(), null);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer, clearArray: true);
        }
    }

    /// <summary>Whether <paramref name="contentType"/> is <c>application/json</c> (any parameters, any case).</summary>
    public static bool IsJson(string? contentType) =>
        contentType is not null && contentType.Split(';', 2)[0].Trim().Equals("application/json", StringComparison.OrdinalIgnoreCase);

    private static ApiResult TooLarge(int maxBytes) =>
        ApiResult.Problem(413, "Request body too large", $"JSON bodies are limited to {maxBytes} bytes (DriveSync:Api:MaxJsonBodyBytes).");
}
