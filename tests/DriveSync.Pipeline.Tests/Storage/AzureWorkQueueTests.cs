using System.Text;
using Azure.Storage.Queues;
using DriveSync.Pipeline.Adapters;
using DriveSync.Testing;

namespace DriveSync.Pipeline.Tests.Storage;

/// <summary>The work queue port on Azure.Storage.Queues, against Azurite (kept small: the old engine's queue goes with it).</summary>
[Collection("Azurite")]
public sealed class AzureWorkQueueTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task SendReceiveExtendDelete_UnicodeText_TravelsAsBase64AndIsDeliveredOnce()
    {
        using var cts = TestTimeout.Start();
        var name = "q" + Guid.NewGuid().ToString("N")[..12];
        var clients = azurite.CreateClients();
        var queue = new AzureWorkQueue(clients, new PipelineOptions { WorkQueue = name });
        await queue.EnsureExistsAsync(cts.Token);
        const string text = "{\"run\":\"r1\",\"batch\":3,\"note\":\"été\"}";

        await queue.SendAsync(text, TimeSpan.Zero, cts.Token);
        var raw = await new QueueClient(azurite.ConnectionString, name, clients.CreateQueueOptions()).PeekMessageAsync(cts.Token);
        var received = Assert.Single(await queue.ReceiveAsync(8, TimeSpan.FromSeconds(30), cts.Token));
        var extended = await queue.ExtendAsync(received, TimeSpan.FromSeconds(30), cts.Token);
        await queue.DeleteAsync(extended, cts.Token);
        await queue.DeleteAsync(extended, cts.Token);

        Assert.Equal(Convert.ToBase64String(Encoding.UTF8.GetBytes(text)), raw.Value.Body.ToString());
        Assert.Equal(text, received.Text);
        Assert.Equal(1, received.DequeueCount);
        Assert.NotEqual(received.PopReceipt, extended.PopReceipt);
        Assert.Empty(await queue.ReceiveAsync(8, TimeSpan.FromSeconds(1), cts.Token));
    }
}
