using Azure.Data.Tables;
using Azure.Storage.Blobs;
using DriveSync.Testing;

namespace DriveSync.Bench;

/// <summary>What a Durable task hub occupies in its storage account: table rows and billed bytes, blobs and their bytes.</summary>
internal static class TaskHubStorage
{
    /// <summary>Each table of the hub with its row count and billed size (Azure's entity-size formula).</summary>
    public static async IAsyncEnumerable<(string Table, long Rows, long Bytes)> TablesAsync(AzuriteFixture azurite, string hub)
    {
        var tables = new TableServiceClient(azurite.ConnectionString);
        await foreach (var table in tables.QueryAsync())
        {
            if (!table.Name.StartsWith(hub, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            long rows = 0, bytes = 0;
            await foreach (var entity in tables.GetTableClient(table.Name).QueryAsync<TableEntity>())
            {
                rows++;
                bytes += EntityBytes(entity);
            }

            yield return (table.Name, rows, bytes);
        }
    }

    /// <summary>The hub's blobs (partition leases, large messages) and their bytes.</summary>
    public static async Task<(long Count, long Bytes)> BlobsAsync(AzuriteFixture azurite, string hub)
    {
        var blobs = new BlobServiceClient(azurite.ConnectionString);
        long count = 0, bytes = 0;
        await foreach (var container in blobs.GetBlobContainersAsync(prefix: hub.ToLowerInvariant()))
        {
            await foreach (var blob in blobs.GetBlobContainerClient(container.Name).GetBlobsAsync())
            {
                count++;
                bytes += blob.Properties.ContentLength ?? 0;
            }
        }

        return (count, bytes);
    }

    /// <summary>4 + 2×(len(PartitionKey)+len(RowKey)) + per property 8 + 2×len(name) + value size.</summary>
    private static long EntityBytes(TableEntity entity)
    {
        long size = 4 + (2L * (entity.PartitionKey.Length + entity.RowKey.Length));
        foreach (var (name, value) in entity)
        {
            if (name is "PartitionKey" or "RowKey" or "Timestamp" or "odata.etag")
            {
                continue;
            }

            size += 8 + (2L * name.Length) + value switch
            {
                string s => 4 + (2L * s.Length),
                byte[] b => 4 + b.Length,
                bool => 1,
                int => 4,
                _ => 8,
            };
        }

        return size;
    }
}
