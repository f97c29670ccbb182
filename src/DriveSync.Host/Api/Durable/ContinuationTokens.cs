using System.Buffers.Text;
using System.Text.Json;

namespace DriveSync.Host.Api.Durable;

/// <summary>
/// Wraps the task hub's continuation token with the filter it belongs to, so a token that is garbage, cut short or
/// from another filter is refused with 400 instead of silently restarting at page 1 (or failing inside the backend).
/// </summary>
public static class ContinuationTokens
{
    /// <summary>The token handed to the caller for the backend's <paramref name="backendToken"/>.</summary>
    public static string Wrap(string backendToken, string fingerprint) =>
        Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(new Envelope(fingerprint, backendToken)));

    /// <summary>The backend token inside <paramref name="token"/> when it was made for <paramref name="fingerprint"/>.</summary>
    public static bool TryUnwrap(string token, string fingerprint, out string backendToken)
    {
        backendToken = string.Empty;
        try
        {
            var envelope = JsonSerializer.Deserialize<Envelope>(Base64Url.DecodeFromChars(token));
            if (envelope is { F: not null, T: { Length: > 0 } } && envelope.F == fingerprint)
            {
                backendToken = envelope.T;
                return true;
            }
        }
        catch (Exception exception) when (exception is FormatException or JsonException)
        {
            return false;
        }

        return false;
    }

    private sealed record Envelope(string? F, string? T);
}
