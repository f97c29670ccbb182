using System.Net;
using Azure.Core;

namespace DriveSync.AzureStorage;

/// <summary>How requests of a <see cref="StorageConnection"/> are authorized.</summary>
public enum StorageCredentialKind
{
    /// <summary>Shared Key: every request signed with the account key.</summary>
    SharedKey,

    /// <summary>A shared access signature appended to every request URL.</summary>
    Sas,

    /// <summary>An Azure AD token (managed identity, <c>DefaultAzureCredential</c>) for scope <c>https://storage.azure.com/.default</c>.</summary>
    Token,
}

/// <summary>
/// Where a storage account is and how to authorize against it. Built from a connection string
/// (<see cref="Parse"/>) or from endpoints and a <see cref="TokenCredential"/> (<see cref="FromTokenCredential"/>).
/// Never prints its secret: <see cref="ToString"/> and every error message leave the key and SAS out.
/// </summary>
public sealed class StorageConnection
{
    /// <summary>Account name of the storage emulator (Azurite).</summary>
    public const string DevelopmentAccountName = "devstoreaccount1";

    /// <summary>The emulator's well-known, public account key.</summary>
    public const string DevelopmentAccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private StorageConnection(string accountName, Uri blobEndpoint, Uri queueEndpoint, StorageCredentialKind kind)
    {
        AccountName = accountName;
        BlobEndpoint = blobEndpoint;
        QueueEndpoint = queueEndpoint;
        CredentialKind = kind;
    }

    /// <summary>The storage account name.</summary>
    public string AccountName { get; }

    /// <summary>Blob service endpoint, e.g. <c>https://acct.blob.core.windows.net</c> or <c>http://127.0.0.1:10000/devstoreaccount1</c>.</summary>
    public Uri BlobEndpoint { get; }

    /// <summary>Queue service endpoint.</summary>
    public Uri QueueEndpoint { get; }

    /// <summary>How requests are authorized.</summary>
    public StorageCredentialKind CredentialKind { get; }

    internal byte[]? AccountKey { get; private init; }

    internal string? SharedAccessSignature { get; private init; }

    internal TokenCredential? TokenCredential { get; private init; }

    /// <summary>
    /// Parses a storage connection string: <c>UseDevelopmentStorage=true[;DevelopmentStorageProxyUri=…]</c>, or
    /// <c>DefaultEndpointsProtocol=…;AccountName=…;AccountKey=…[;EndpointSuffix=…][;BlobEndpoint=…;QueueEndpoint=…]</c>, or
    /// <c>BlobEndpoint=…;QueueEndpoint=…;SharedAccessSignature=…</c>. Keys are case-insensitive; unknown keys
    /// (TableEndpoint, FileEndpoint) are ignored.
    /// </summary>
    /// <exception cref="ArgumentException">The string is null or blank.</exception>
    /// <exception cref="FormatException">A part is missing or invalid; the message names the part, never its secret value.</exception>
    public static StorageConnection Parse(string connectionString)
    {
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new ArgumentException("The storage connection string is empty.", nameof(connectionString));
        }

        var parts = SplitParts(connectionString);
        if (parts.TryGetValue("UseDevelopmentStorage", out var useDev))
        {
            if (!bool.TryParse(useDev, out var dev) || !dev)
            {
                throw new FormatException("Storage connection string: UseDevelopmentStorage must be 'true'.");
            }

            return Development(parts);
        }

        var accountName = Get(parts, "AccountName");
        var accountKey = Get(parts, "AccountKey");
        var sas = Get(parts, "SharedAccessSignature");
        if (accountKey is not null && sas is not null)
        {
            throw new FormatException("Storage connection string: give AccountKey or SharedAccessSignature, not both.");
        }

        if (accountKey is null && sas is null)
        {
            throw new FormatException("Storage connection string: AccountKey or SharedAccessSignature is missing.");
        }

        if (accountKey is not null && accountName is null)
        {
            throw new FormatException("Storage connection string: AccountName is missing (required with AccountKey).");
        }

        var protocol = Get(parts, "DefaultEndpointsProtocol") ?? "https";
        if (protocol is not ("https" or "http"))
        {
            throw new FormatException("Storage connection string: DefaultEndpointsProtocol must be 'https' or 'http'.");
        }

        var suffix = Get(parts, "EndpointSuffix") ?? "core.windows.net";
        var blob = Endpoint(parts, "BlobEndpoint", accountName, protocol, "blob", suffix);
        var queue = Endpoint(parts, "QueueEndpoint", accountName, protocol, "queue", suffix);
        accountName ??= AccountNameFrom(blob);
        if (accountKey is not null)
        {
            return new StorageConnection(accountName, blob, queue, StorageCredentialKind.SharedKey) { AccountKey = DecodeKey(accountKey) };
        }

        return new StorageConnection(accountName, blob, queue, StorageCredentialKind.Sas) { SharedAccessSignature = NormalizeSas(sas!) };
    }

    /// <summary>A connection authorized by an Azure AD token for scope <c>https://storage.azure.com/.default</c> (https endpoints only).</summary>
    public static StorageConnection FromTokenCredential(Uri blobServiceUri, Uri queueServiceUri, TokenCredential credential)
    {
        ArgumentNullException.ThrowIfNull(blobServiceUri);
        ArgumentNullException.ThrowIfNull(queueServiceUri);
        ArgumentNullException.ThrowIfNull(credential);
        RequireAbsolute(blobServiceUri, nameof(blobServiceUri));
        RequireAbsolute(queueServiceUri, nameof(queueServiceUri));
        return new StorageConnection(AccountNameFrom(blobServiceUri), blobServiceUri, queueServiceUri, StorageCredentialKind.Token)
        {
            TokenCredential = credential,
        };
    }

    /// <summary>Account, endpoints and credential kind; never the secret.</summary>
    public override string ToString() => $"{AccountName} ({CredentialKind}) blob={BlobEndpoint} queue={QueueEndpoint}";

    private static StorageConnection Development(Dictionary<string, string> parts)
    {
        var proxy = Get(parts, "DevelopmentStorageProxyUri");
        var host = new Uri("http://127.0.0.1");
        if (proxy is not null && !Uri.TryCreate(proxy, UriKind.Absolute, out host))
        {
            throw new FormatException("Storage connection string: DevelopmentStorageProxyUri is not an absolute URI.");
        }

        var blob = new Uri($"{host.Scheme}://{host.Host}:10000/{DevelopmentAccountName}");
        var queue = new Uri($"{host.Scheme}://{host.Host}:10001/{DevelopmentAccountName}");
        return new StorageConnection(DevelopmentAccountName, blob, queue, StorageCredentialKind.SharedKey)
        {
            AccountKey = Convert.FromBase64String(DevelopmentAccountKey),
        };
    }

    private static Dictionary<string, string> SplitParts(string connectionString)
    {
        var parts = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var index = 0;
        foreach (var segment in connectionString.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            index++;
            var eq = segment.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                throw new FormatException($"Storage connection string: part {index} is not of the form Name=Value.");
            }

            var name = segment[..eq].Trim();
            if (!parts.TryAdd(name, segment[(eq + 1)..].Trim()))
            {
                throw new FormatException($"Storage connection string: {SafeName(name)} appears more than once.");
            }
        }

        return parts;
    }

    private static string SafeName(string name) =>
        name.Length <= 40 && name.All(char.IsAsciiLetterOrDigit) ? name : "a setting";

    private static string? Get(Dictionary<string, string> parts, string name) =>
        parts.TryGetValue(name, out var value) && value.Length > 0 ? value : null;

    private static Uri Endpoint(Dictionary<string, string> parts, string name, string? account, string protocol, string service, string suffix)
    {
        var explicitValue = Get(parts, name);
        if (explicitValue is not null)
        {
            if (!Uri.TryCreate(explicitValue, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            {
                throw new FormatException($"Storage connection string: {name} is not an absolute http(s) URI.");
            }

            if (!string.IsNullOrEmpty(uri.Query))
            {
                throw new FormatException($"Storage connection string: {name} must not carry a query; put a SAS in SharedAccessSignature.");
            }

            return uri;
        }

        if (account is null)
        {
            throw new FormatException($"Storage connection string: {name} is missing (required when AccountName is not given).");
        }

        if (!IsValidAccountName(account))
        {
            throw new FormatException("Storage connection string: AccountName must be 3-24 lowercase letters and digits.");
        }

        return new Uri($"{protocol}://{account}.{service}.{suffix}");
    }

    private static bool IsValidAccountName(string account) =>
        account.Length is >= 3 and <= 24 && account.All(c => char.IsAsciiDigit(c) || char.IsAsciiLetterLower(c));

    private static byte[] DecodeKey(string key)
    {
        var buffer = new byte[key.Length];
        if (!Convert.TryFromBase64String(key, buffer, out var written) || written == 0)
        {
            throw new FormatException("Storage connection string: AccountKey is not valid base64.");
        }

        return buffer[..written];
    }

    private static string NormalizeSas(string sas)
    {
        var trimmed = sas.TrimStart('?');
        if (!trimmed.Contains("sig=", StringComparison.OrdinalIgnoreCase))
        {
            throw new FormatException("Storage connection string: SharedAccessSignature has no sig= parameter.");
        }

        return trimmed;
    }

    private static string AccountNameFrom(Uri endpoint)
    {
        if (endpoint.HostNameType == UriHostNameType.Dns && !endpoint.IsLoopback && endpoint.Host.Contains('.', StringComparison.Ordinal))
        {
            return endpoint.Host[..endpoint.Host.IndexOf('.', StringComparison.Ordinal)];
        }

        var firstSegment = endpoint.AbsolutePath.Trim('/').Split('/')[0];
        return firstSegment.Length > 0 ? WebUtility.UrlDecode(firstSegment) : endpoint.Host;
    }

    private static void RequireAbsolute(Uri uri, string name)
    {
        if (!uri.IsAbsoluteUri || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            throw new ArgumentException("The endpoint must be an absolute http(s) URI.", name);
        }
    }
}
