using DurableTask.AzureStorage;
using Microsoft.Extensions.Configuration;

namespace DriveSync.DurableEngine;

/// <summary>
/// STOPGAP until the storage branch's client factory registers a <see cref="StorageAccountClientProvider"/> in DI
/// (CONTRACTS.md, seam 4): builds one from <c>DriveSync:Storage:ConnectionString</c>. <c>AddEmbeddedDurableEngine</c>
/// uses it only when no provider is registered in DI. Delete this class when that factory is wired in every host.
/// </summary>
internal static class FallbackStorageAccount
{
    public const string ConnectionStringSetting = "DriveSync:Storage:ConnectionString";

    public static StorageAccountClientProvider FromConfiguration(IConfiguration configuration)
    {
        var connectionString = configuration[ConnectionStringSetting];
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new InvalidOperationException(
                $"{ConnectionStringSetting} is not set: the durable engine needs a storage account (UseDevelopmentStorage=true for Azurite).");
        }

        return new StorageAccountClientProvider(connectionString);
    }
}
