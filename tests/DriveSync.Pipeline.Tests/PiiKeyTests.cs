using DriveSync.Pipeline.Runs;
using DriveSync.Pipeline.State;
using DriveSync.Pipeline.Work;
using DriveSync.Sanitization;
using DriveSync.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace DriveSync.Pipeline.Tests;

/// <summary>PII counts keep the sanitizer's type names (<see cref="PiiTypes"/>) in results, metadata and the re-delivery path.</summary>
[Collection("Azurite")]
public sealed class PiiKeyTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task ProcessAsync_UploadedThenRedelivered_CountsUseTheSanitizerTypeNamesBothTimes()
    {
        await using var harness = await PipelineHarness.StartAsync(azurite, CancellationToken.None);
        var content = Canary.TextDocument(1);
        var id = harness.Drive.Store.AddFile(harness.Drive.Store.RootFolderId, "notice.txt", content, "text/plain");
        var info = harness.Drive.Store.Find(id)!;
        var file = new BatchFile(id, "notice.txt", "text/plain", content.Length, info.Version, info.Md5Checksum, null);
        var process = harness.NewProcess();
        using var cts = TestTimeout.Start(TimeSpan.FromSeconds(30));
        await process.GetRequiredService<StorageBootstrap>().EnsureAsync(cts.Token);
        var processor = process.GetRequiredService<FileProcessor>();

        var first = await processor.ProcessAsync(file, mayExist: false, cts.Token).WaitAsync(cts.Token);
        var again = await processor.ProcessAsync(file, mayExist: true, cts.Token).WaitAsync(cts.Token);

        Assert.Equal(FileOutcome.Uploaded, first.Outcome);
        Assert.Equal([PiiTypes.Email, PiiTypes.Phone, PiiTypes.Ssn], first.Pii.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(first.Pii.OrderBy(p => p.Key, StringComparer.Ordinal), again.Pii.OrderBy(p => p.Key, StringComparer.Ordinal));
        Assert.Equal(1, harness.Drive.Counters.MediaRequests);
    }
}
