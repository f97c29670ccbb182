using System.Security.Cryptography;
using System.Text;

namespace DriveSync.AzureStorage.Tests;

/// <summary>Small helpers to make and read test content.</summary>
internal static class TestData
{
    public static async Task<BlobContainerClient> NewContainerAsync(StorageAccountClient client, CancellationToken ct)
    {
        var container = client.GetBlobContainerClient(TestNames.Unique("c"));
        await container.CreateIfNotExistsAsync(ct);
        return container;
    }

    public static MemoryStream Text(string text) => new(Encoding.UTF8.GetBytes(text));

    public static byte[] Random(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    public static async Task<byte[]> DownloadBytesAsync(BlobContainerClient container, string blobName, CancellationToken ct)
    {
        await using var download = await container.DownloadAsync(blobName, cancellationToken: ct);
        using var copy = new MemoryStream();
        await download.Content.CopyToAsync(copy, ct);
        return copy.ToArray();
    }

    public static async Task<string> DownloadTextAsync(BlobContainerClient container, string blobName, CancellationToken ct) =>
        Encoding.UTF8.GetString(await DownloadBytesAsync(container, blobName, ct));

    public static string Sha256(byte[] bytes) => Convert.ToHexString(SHA256.HashData(bytes));
}
