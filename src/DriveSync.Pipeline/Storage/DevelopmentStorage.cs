namespace DriveSync.Pipeline.Storage;

/// <summary>The storage emulator's (Azurite's) well-known, public account, and connection strings for it on any ports.</summary>
public static class DevelopmentStorage
{
    /// <summary>Account name of the emulator.</summary>
    public const string AccountName = "devstoreaccount1";

    /// <summary>The emulator's published account key (not a secret).</summary>
    public const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    /// <summary>A full connection string for an Azurite listening on <paramref name="host"/> at the given ports.</summary>
    public static string ConnectionString(int blobPort, int queuePort, int tablePort, string host = "127.0.0.1") =>
        $"DefaultEndpointsProtocol=http;AccountName={AccountName};AccountKey={AccountKey};"
        + $"BlobEndpoint=http://{host}:{blobPort}/{AccountName};QueueEndpoint=http://{host}:{queuePort}/{AccountName};"
        + $"TableEndpoint=http://{host}:{tablePort}/{AccountName};";
}
