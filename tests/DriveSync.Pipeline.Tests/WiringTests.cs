using DriveSync.Pipeline.Orchestration;
using DriveSync.Pipeline.Wiring;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace DriveSync.Pipeline.Tests;

public sealed class WiringTests
{
    [Fact]
    public void ValidatePipelineOptions_BadAndMissingSettings_ListsEachByName()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["DriveSync:Pipeline:BatchSize"] = "0",
            ["DriveSync:Pipeline:MaxBatchesInFlight"] = "0",
        }).Build();
        using var services = new ServiceCollection().AddLogging().AddDriveSyncPipeline(configuration).BuildServiceProvider();

        var errors = services.ValidatePipelineOptions();

        Assert.Contains(errors, e => e.Contains("DriveSync:Pipeline:BatchSize", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("DriveSync:Pipeline:MaxBatchesInFlight", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("DriveSync:Storage:ConnectionString", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("DriveSync:Drive:FolderId", StringComparison.Ordinal));
    }

    [Fact]
    public void AddDriveSyncPipeline_ValidSettings_ResolvesStarterReaderAndActivities()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["DriveSync:Storage:ConnectionString"] = "UseDevelopmentStorage=true",
            ["DriveSync:Drive:FolderId"] = "folder",
            ["DriveSync:Drive:BearerToken"] = "token",
            ["DriveSync:Pipeline:BatchSize"] = "25",
        }).Build();
        using var services = new ServiceCollection().AddLogging().AddDriveSyncPipeline(configuration).BuildServiceProvider();

        Assert.Empty(services.ValidatePipelineOptions());
        Assert.NotNull(services.GetRequiredService<SyncRunStarter>());
        Assert.NotNull(services.GetRequiredService<RunProblemsReader>());
        Assert.NotNull(services.GetRequiredService<ListPageActivity>());
        Assert.NotNull(services.GetRequiredService<ProcessBatchActivity>());
        Assert.NotNull(services.GetRequiredService<FinalizeRunActivity>());
        Assert.Equal(25, services.GetRequiredService<PipelineOptions>().BatchSize);
    }
}
