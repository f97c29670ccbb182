using DurableTask.AzureStorage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace DriveSync.DurableEngine.Tests;

/// <summary>Settings: defaults, validation messages naming the setting, mapping onto the backend.</summary>
public sealed class OptionsTests
{
    [Fact]
    public void Validate_Defaults_HaveNoProblems()
    {
        Assert.Empty(DurableEngineOptionsValidator.Problems(new DurableEngineOptions()));
    }

    [Theory]
    [InlineData("TaskHubName", "ab", "DriveSync:Durable:TaskHubName")]
    [InlineData("TaskHubName", "9hub", "DriveSync:Durable:TaskHubName")]
    [InlineData("TaskHubName", "my-hub", "DriveSync:Durable:TaskHubName")]
    [InlineData("PartitionCount", "0", "DriveSync:Durable:PartitionCount")]
    [InlineData("PartitionCount", "17", "DriveSync:Durable:PartitionCount")]
    [InlineData("MaxConcurrentActivities", "0", "DriveSync:Durable:MaxConcurrentActivities")]
    [InlineData("MaxConcurrentOrchestrations", "0", "DriveSync:Durable:MaxConcurrentOrchestrations")]
    [InlineData("ControlQueueVisibilityTimeout", "00:00:05", "DriveSync:Durable:ControlQueueVisibilityTimeout")]
    [InlineData("WorkItemQueueVisibilityTimeout", "00:11:00", "DriveSync:Durable:WorkItemQueueVisibilityTimeout")]
    [InlineData("LeaseInterval", "00:06:00", "DriveSync:Durable:LeaseInterval")]
    [InlineData("LeaseRenewInterval", "00:00:20", "DriveSync:Durable:LeaseRenewInterval")]
    [InlineData("LeaseAcquireInterval", "00:00:00", "DriveSync:Durable:LeaseAcquireInterval")]
    [InlineData("MaxQueuePollingInterval", "00:00:00", "DriveSync:Durable:MaxQueuePollingInterval")]
    [InlineData("ExtendedSessionIdleTimeout", "00:00:00", "DriveSync:Durable:ExtendedSessionIdleTimeout")]
    [InlineData("WorkerId", "", "DriveSync:Durable:WorkerId")]
    public void Validate_BadSetting_NamesTheSetting(string setting, string value, string expected)
    {
        var options = Bind(new Dictionary<string, string?> { ["DriveSync:Durable:" + setting] = value });

        var problem = Assert.Single(DurableEngineOptionsValidator.Problems(options));

        Assert.StartsWith(expected + " ", problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartHost_InvalidSetting_FailsBeforeTouchingStorageNamingTheSetting()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var settings = new Dictionary<string, string?>
        {
            ["DriveSync:Storage:ConnectionString"] = "UseDevelopmentStorage=true",
            ["DriveSync:Durable:PartitionCount"] = "40",
        };

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => EngineHost.StartAsync(settings, cts.Token));

        Assert.Contains("DriveSync:Durable:PartitionCount must be between 1 and 16 (was 40).", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartHost_NoStorageConnectionString_FailsNamingTheSetting()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => EngineHost.StartAsync([], cts.Token));

        Assert.Contains("DriveSync:Storage:ConnectionString or DriveSync:Storage:BlobServiceUri must be set.", error.Failures);
    }

    [Fact]
    public async Task AddEmbeddedDurableEngine_NoStorageProviderInDi_FailsSayingHowToRegisterOne()
    {
        var services = new ServiceCollection();
        services.AddEmbeddedDurableEngine(new ConfigurationBuilder().Build(), _ => { });

        await using var built = services.BuildServiceProvider();

        var error = Assert.Throws<InvalidOperationException>(() => built.GetRequiredService<AzureStorageOrchestrationService>());
        Assert.Contains("AddDriveSyncStorage", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddEmbeddedDurableEngine_StorageProviderInDi_IsTheEngineAccount()
    {
        var provider = new StorageAccountClientProvider("UseDevelopmentStorage=true");
        var services = new ServiceCollection();
        services.AddSingleton(provider);
        services.AddEmbeddedDurableEngine(new ConfigurationBuilder().Build(), _ => { });

        await using var built = services.BuildServiceProvider();

        // Nothing is configured: building the backend succeeds only from the provider in DI.
        Assert.NotNull(built.GetRequiredService<AzureStorageOrchestrationService>());
        Assert.IsType<EmbeddedDurableTaskClient>(built.GetRequiredService<Microsoft.DurableTask.Client.DurableTaskClient>());
        Assert.Single(built.GetServices<IHostedService>());
    }

    [Fact]
    public void Settings_FromOptions_MapEverySettingAndLetEveryProcessShareTheHub()
    {
        var options = Bind(new Dictionary<string, string?>
        {
            ["DriveSync:Durable:TaskHubName"] = "Hub42",
            ["DriveSync:Durable:PartitionCount"] = "3",
            ["DriveSync:Durable:ControlQueueVisibilityTimeout"] = "00:00:40",
            ["DriveSync:Durable:WorkItemQueueVisibilityTimeout"] = "00:00:50",
            ["DriveSync:Durable:LeaseInterval"] = "00:00:20",
            ["DriveSync:Durable:LeaseRenewInterval"] = "00:00:06",
            ["DriveSync:Durable:LeaseAcquireInterval"] = "00:00:07",
            ["DriveSync:Durable:MaxQueuePollingInterval"] = "00:00:02",
            ["DriveSync:Durable:MaxConcurrentActivities"] = "11",
            ["DriveSync:Durable:MaxConcurrentOrchestrations"] = "12",
            ["DriveSync:Durable:ExtendedSessions"] = "true",
            ["DriveSync:Durable:ExtendedSessionIdleTimeout"] = "00:00:09",
        });
        var storage = new StorageAccountClientProvider("UseDevelopmentStorage=true");

        var settings = OrchestrationServiceFactory.Settings(options, storage, NullLoggerFactory.Instance);
        var other = OrchestrationServiceFactory.Settings(options, storage, NullLoggerFactory.Instance);

        Assert.Equal("Hub42", settings.TaskHubName);
        Assert.Equal(3, settings.PartitionCount);
        Assert.Equal(TimeSpan.FromSeconds(40), settings.ControlQueueVisibilityTimeout);
        Assert.Equal(TimeSpan.FromSeconds(50), settings.WorkItemQueueVisibilityTimeout);
        Assert.Equal(TimeSpan.FromSeconds(20), settings.LeaseInterval);
        Assert.Equal(TimeSpan.FromSeconds(6), settings.LeaseRenewInterval);
        Assert.Equal(TimeSpan.FromSeconds(7), settings.LeaseAcquireInterval);
        Assert.Equal(TimeSpan.FromSeconds(2), settings.MaxQueuePollingInterval);
        Assert.Equal(11, settings.MaxConcurrentTaskActivityWorkItems);
        Assert.Equal(12, settings.MaxConcurrentTaskOrchestrationWorkItems);
        Assert.True(settings.ExtendedSessionsEnabled);
        Assert.Equal(TimeSpan.FromSeconds(9), settings.ExtendedSessionIdleTimeout);
        Assert.Same(storage, settings.StorageAccountClientProvider);
        Assert.False(settings.UseAppLease);
        Assert.True(settings.ThrowExceptionOnInvalidDedupeStatus);
        Assert.NotEqual(settings.WorkerId, other.WorkerId);
    }

    private static DurableEngineOptions Bind(Dictionary<string, string?> values)
    {
        var options = new DurableEngineOptions();
        new ConfigurationBuilder().AddInMemoryCollection(values).Build().GetSection(DurableEngineOptions.SectionName).Bind(options);
        return options;
    }
}
