using System.Collections.Concurrent;
using System.Diagnostics;
using DriveSync.Pipeline.Runs;
using DriveSync.Testing;

namespace DriveSync.Pipeline.Tests;

/// <summary>
/// One run is one trace on the in-process Durable Task test host: the run span the starter opens is the parent of every
/// page, batch and finalize span, across orchestration generations (ContinueAsNew), and each file span is its batch's child.
/// </summary>
[Collection("Azurite")]
public sealed class RunTracingTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task RunAsync_PagesAcrossGenerations_EverySpanInTheRunsTrace()
    {
        var spans = new ConcurrentQueue<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == RunTracing.SourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = spans.Enqueue,
        };
        ActivitySource.AddActivityListener(listener);
        await using var harness = await PipelineHarness.StartAsync(azurite, CancellationToken.None);
        harness.Settings["DriveSync:Drive:PageSize"] = "10";
        harness.Settings["DriveSync:Pipeline:PagesPerGeneration"] = "1";
        harness.Settings["DriveSync:Pipeline:BatchSize"] = "5";
        var ids = harness.AddTextFiles(20, folders: 0);

        var status = await harness.RunAsync(timeout: TimeSpan.FromSeconds(120));

        Assert.Equal(RuntimeStatus.Completed, status.RuntimeStatus);
        Assert.Equal(ids.Count, status.Counters.Uploaded);
        var run = Assert.Single(spans, s => s.OperationName == RunTracing.Run && (string?)s.GetTagItem(RunTracing.RunIdTag) == status.Id);
        Assert.Equal(default, run.ParentSpanId);
        var trace = spans.Where(s => s.TraceId == run.TraceId).ToList();
        var pages = trace.Where(s => s.OperationName == RunTracing.Page).ToList();
        var batches = trace.Where(s => s.OperationName == RunTracing.Batch).ToList();
        var files = trace.Where(s => s.OperationName == RunTracing.File).ToList();
        Assert.True(pages.Count >= 2, $"{pages.Count} page span(s): the run listed two pages in two generations.");
        Assert.Equal(4, batches.Count);
        Assert.Single(trace, s => s.OperationName == RunTracing.Finalize);
        Assert.All(trace.Where(s => s.OperationName is RunTracing.Page or RunTracing.Batch or RunTracing.Finalize), s =>
        {
            Assert.Equal(run.SpanId, s.ParentSpanId);
            Assert.Equal(status.Id, s.GetTagItem(RunTracing.RunIdTag));
        });
        Assert.Equal(ids.Order(StringComparer.Ordinal), files.Select(f => (string)f.GetTagItem("drivesync.file_id")!).Order(StringComparer.Ordinal));
        var batchIds = batches.Select(b => b.SpanId).ToHashSet();
        Assert.All(files, f => Assert.Contains(f.ParentSpanId, batchIds));
        Assert.All(files, f => Assert.Equal("uploaded", f.GetTagItem("drivesync.outcome")));
        Assert.DoesNotContain(spans, s => s.OperationName != RunTracing.Run && (string?)s.GetTagItem(RunTracing.RunIdTag) == status.Id && s.TraceId != run.TraceId);
    }
}
