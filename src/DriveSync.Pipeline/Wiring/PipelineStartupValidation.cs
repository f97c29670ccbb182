using DriveSync.GoogleDrive;
using DriveSync.Pipeline.Storage;
using DriveSync.Sanitization;
using Microsoft.Extensions.DependencyInjection;

namespace DriveSync.Pipeline.Wiring;

/// <summary>Makes a generic host refuse to start while the pipeline's settings are invalid.</summary>
public static class PipelineStartupValidation
{
    /// <summary>
    /// Validates the four option sections <see cref="PipelineServiceCollectionExtensions.AddDriveSyncPipeline"/> binds
    /// when the host starts (instead of when first resolved): a bad setting stops the host with a message naming it.
    /// </summary>
    public static IServiceCollection ValidatePipelineOptionsOnStart(this IServiceCollection services)
    {
        services.AddOptions<PipelineOptions>().ValidateOnStart();
        services.AddOptions<StorageOptions>().ValidateOnStart();
        services.AddOptions<DriveOptions>().ValidateOnStart();
        services.AddOptions<SanitizerOptions>().ValidateOnStart();
        return services;
    }
}
