using System.Text;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using DriveSync.Testing;

namespace DriveSync.DurableEngine.Tests;

/// <summary>Everything a task hub stored: each table property, queue message and blob as one string value, with where it was.</summary>
internal static class TaskHubContents
{
    public static async Task<List<(string Where, string Value)>> ReadAsync(AzuriteFixture azurite, string taskHub, CancellationToken ct)
    {
        var values = new List<(string Where, string Value)>();
        var tables = new TableServiceClient(azurite.ConnectionString);
        await foreach (var table in tables.QueryAsync(cancellationToken: ct))
        {
            if (!table.Name.StartsWith(taskHub, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            await foreach (var entity in tables.GetTableClient(table.Name).QueryAsync<TableEntity>(cancellationToken: ct))
            {
                foreach (var (key, value) in entity)
                {
                    values.Add(($"table {table.Name} {entity.PartitionKey}/{entity.RowKey} {key}", value?.ToString() ?? string.Empty));
                }
            }
        }

        var queues = new QueueServiceClient(azurite.ConnectionString);
        await foreach (var queue in queues.GetQueuesAsync(prefix: taskHub.ToLowerInvariant(), cancellationToken: ct))
        {
            var messages = await queues.GetQueueClient(queue.Name).PeekMessagesAsync(32, ct);
            values.AddRange(messages.Value.Select(m => ($"queue {queue.Name}", m.Body.ToString())));
        }

        var blobs = new BlobServiceClient(azurite.ConnectionString);
        await foreach (var container in blobs.GetBlobContainersAsync(prefix: taskHub.ToLowerInvariant(), cancellationToken: ct))
        {
            var client = blobs.GetBlobContainerClient(container.Name);
            await foreach (var blob in client.GetBlobsAsync(cancellationToken: ct))
            {
                var content = await client.GetBlobClient(blob.Name).DownloadContentAsync(ct);
                values.Add(($"blob {container.Name}/{blob.Name}", Encoding.UTF8.GetString(content.Value.Content.ToArray())));
            }
        }

        return values;
    }
}
