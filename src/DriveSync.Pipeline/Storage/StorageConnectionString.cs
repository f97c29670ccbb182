using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;

namespace DriveSync.Pipeline.Storage;

/// <summary>
/// Checks a storage connection string before the Azure SDK parses it, so that a bad one stops the process at start-up
/// with a message naming the part at fault and never a secret (the SDK's own messages are vague, and one echoes text).
/// </summary>
public static class StorageConnectionString
{
    private static readonly string[] Endpoints = ["BlobEndpoint", "QueueEndpoint", "TableEndpoint"];

    /// <summary>Null when the string is usable for blobs, queues and tables; else what is wrong, as a sentence.</summary>
    public static string? Check(string connectionString)
    {
        ArgumentNullException.ThrowIfNull(connectionString);
        var (parts, problem) = Split(connectionString);
        return problem ?? CheckParts(parts) ?? CheckWithSdk(connectionString);
    }

    private static (Dictionary<string, string> Parts, string? Problem) Split(string connectionString)
    {
        var parts = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var index = 0;
        foreach (var segment in connectionString.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            index++;
            var eq = segment.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                return (parts, $"is malformed: part {index} is not of the form Name=Value.");
            }

            var name = segment[..eq].Trim();
            if (!parts.TryAdd(name, segment[(eq + 1)..].Trim()))
            {
                return (parts, $"is malformed: {SafeName(name)} appears more than once.");
            }
        }

        return (parts, null);
    }

    private static string? CheckParts(Dictionary<string, string> parts)
    {
        if (parts.TryGetValue("UseDevelopmentStorage", out var development))
        {
            return bool.TryParse(development, out var on) && on ? null : "is malformed: UseDevelopmentStorage must be 'true'.";
        }

        var key = Get(parts, "AccountKey");
        var sas = Get(parts, "SharedAccessSignature");
        if ((key is null) == (sas is null))
        {
            return "is malformed: give AccountKey or SharedAccessSignature (exactly one of them).";
        }

        if (key is not null && Get(parts, "AccountName") is null)
        {
            return "is malformed: AccountName is missing (required with AccountKey).";
        }

        if (key is not null && !IsBase64(key))
        {
            return "is malformed: AccountKey is not valid base64.";
        }

        if (Get(parts, "DefaultEndpointsProtocol") is { } protocol && protocol is not ("http" or "https"))
        {
            return "is malformed: DefaultEndpointsProtocol must be 'https' or 'http'.";
        }

        var given = Endpoints.Where(e => Get(parts, e) is not null).ToList();
        foreach (var name in given)
        {
            if (!Uri.TryCreate(Get(parts, name), UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
                || !string.IsNullOrEmpty(uri.Query))
            {
                return $"is malformed: {name} is not an absolute http(s) URI without a query.";
            }
        }

        if (given.Count is > 0 and < 3)
        {
            return $"gives {string.Join(" and ", given)} but not {string.Join(" and ", Endpoints.Except(given))}: give all three endpoints "
                + "(the durable engine uses blobs, queues and tables; for Azurite on other ports, see docs/hosting.md).";
        }

        return given.Count == 0 && Get(parts, "AccountName") is null ? "is malformed: AccountName or the three service endpoints must be given." : null;
    }

    private static string? CheckWithSdk(string connectionString)
    {
        try
        {
            _ = new BlobServiceClient(connectionString);
            _ = new QueueServiceClient(connectionString);
            _ = new TableServiceClient(connectionString);
            return null;
        }
        catch (Exception exception) when (exception is FormatException or ArgumentException or InvalidOperationException)
        {
            return "is not accepted by the Azure Storage SDK (check the names and values of its parts).";
        }
    }

    private static string? Get(Dictionary<string, string> parts, string name) =>
        parts.TryGetValue(name, out var value) && value.Length > 0 ? value : null;

    private static bool IsBase64(string value)
    {
        var buffer = new byte[value.Length];
        return Convert.TryFromBase64String(value, buffer, out var written) && written > 0;
    }

    private static string SafeName(string name) =>
        name.Length <= 40 && name.All(char.IsAsciiLetterOrDigit) ? name : "a part";
}
