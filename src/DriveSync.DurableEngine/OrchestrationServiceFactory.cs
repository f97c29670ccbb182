using System.Globalization;
using DurableTask.AzureStorage;
using Microsoft.Extensions.Logging;

namespace DriveSync.DurableEngine;

/// <summary>Maps <see cref="DurableEngineOptions"/> onto the Azure Storage backend's settings.</summary>
internal static class OrchestrationServiceFactory
{
    public static AzureStorageOrchestrationService Create(
        DurableEngineOptions options, StorageAccountClientProvider storage, ILoggerFactory loggerFactory) =>
        new(Settings(options, storage, loggerFactory));

    public static AzureStorageOrchestrationServiceSettings Settings(
        DurableEngineOptions options, StorageAccountClientProvider storage, ILoggerFactory loggerFactory) => new()
        {
            StorageAccountClientProvider = storage,
            TaskHubName = options.TaskHubName,
            PartitionCount = options.PartitionCount,
            ControlQueueVisibilityTimeout = options.ControlQueueVisibilityTimeout,
            WorkItemQueueVisibilityTimeout = options.WorkItemQueueVisibilityTimeout,
            LeaseInterval = options.LeaseInterval,
            LeaseRenewInterval = options.LeaseRenewInterval,
            LeaseAcquireInterval = options.LeaseAcquireInterval,
            MaxQueuePollingInterval = options.MaxQueuePollingInterval,
            MaxConcurrentTaskActivityWorkItems = options.MaxConcurrentActivities,
            MaxConcurrentTaskOrchestrationWorkItems = options.MaxConcurrentOrchestrations,
            ExtendedSessionsEnabled = options.ExtendedSessions,
            ExtendedSessionIdleTimeout = options.ExtendedSessionIdleTimeout,
            WorkerId = options.WorkerId ?? DefaultWorkerId(),

            // Every process of the task hub works on it; the app lease would let only one "app" (by machine name) in.
            UseAppLease = false,
            UseTablePartitionManagement = true,

            // A start that finds a live instance throws instead of silently doing nothing.
            ThrowExceptionOnInvalidDedupeStatus = true,
            LoggerFactory = loggerFactory,
        };

    private static string DefaultWorkerId() =>
        string.Create(CultureInfo.InvariantCulture, $"{Environment.MachineName}-{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..6]}");
}
