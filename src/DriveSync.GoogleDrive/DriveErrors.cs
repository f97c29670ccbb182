using System.Net.Http.Headers;
using System.Text.Json;

namespace DriveSync.GoogleDrive;

/// <summary>Turns a Drive error response into a <see cref="DriveApiException"/> (status, Google reason, Retry-After).</summary>
internal static class DriveErrors
{
    public static async Task<DriveApiException> FromResponseAsync(string operation, HttpResponseMessage response, TimeProvider time, CancellationToken cancellationToken)
    {
        string? reason = null;
        try
        {
            await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
            using var json = await JsonDocument.ParseAsync(body, cancellationToken: cancellationToken);
            reason = ReadReason(json.RootElement);
        }
        catch (JsonException)
        {
            // Not a Google error body (a proxy page, a cut-off answer): the status alone classifies it.
        }
        catch (IOException)
        {
            // The connection broke while reading the error body: the status alone classifies it.
        }

        return new DriveApiException(operation, response.StatusCode, reason, ReadRetryAfter(response.Headers.RetryAfter, time));
    }

    private static string? ReadReason(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("error", out var error) || error.ValueKind != JsonValueKind.Object)
            return null;
        if (error.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in errors.EnumerateArray())
            {
                if (item.ValueKind == JsonValueKind.Object && item.TryGetProperty("reason", out var r) && r.ValueKind == JsonValueKind.String)
                    return r.GetString();
            }
        }

        return error.TryGetProperty("status", out var status) && status.ValueKind == JsonValueKind.String ? status.GetString() : null;
    }

    private static TimeSpan? ReadRetryAfter(RetryConditionHeaderValue? header, TimeProvider time)
    {
        if (header?.Delta is { } delta)
            return delta;
        if (header?.Date is { } date)
        {
            var wait = date - time.GetUtcNow();
            return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
        }

        return null;
    }
}
