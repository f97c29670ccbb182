using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace DriveSync.Host.Api;

/// <summary>Checks a presented key against the configured keys in constant time (no early exit on a mismatch or a length difference).</summary>
public sealed class ApiKeyAuthorizer(IOptionsMonitor<ApiOptions> options)
{
    /// <summary>The header carrying the key, as Azure Functions names it.</summary>
    public const string HeaderName = "x-functions-key";

    /// <summary>The query parameter carrying the key, as Azure Functions names it.</summary>
    public const string QueryName = "code";

    /// <summary>Whether <paramref name="presented"/> equals one of the configured keys.</summary>
    public bool IsAuthorized(string? presented)
    {
        if (string.IsNullOrEmpty(presented))
        {
            return false;
        }

        var presentedHash = SHA256.HashData(Encoding.UTF8.GetBytes(presented));
        var match = false;
        foreach (var key in options.CurrentValue.Keys)
        {
            var keyHash = SHA256.HashData(Encoding.UTF8.GetBytes(key));
            match |= CryptographicOperations.FixedTimeEquals(presentedHash, keyHash);
        }

        return match;
    }
}
