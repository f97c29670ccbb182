using System.Text.Json;
using DriveSync.Pipeline.Wiring;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace DriveSync.Functions.Hosting;

/// <summary>The Functions app's services: the pipeline exactly as <c>drivesync</c> wires it, validated at start-up.</summary>
public static class FunctionsHosting
{
    /// <summary>The cloud role name the app reports to Application Insights and OTLP.</summary>
    public const string ServiceName = "drivesync-functions";

    /// <summary>
    /// Registers the pipeline (options from <c>DriveSync:Pipeline|Storage|Drive|Sanitizer</c>, the Drive client, the
    /// sanitizer, <c>SyncRunStarter</c>, <c>RunProblemsReader</c> and the activities' dependencies) and makes the worker
    /// refuse to start while a setting is invalid, with a message naming it.
    /// </summary>
    public static IServiceCollection AddDriveSyncFunctions(this IServiceCollection services, IConfiguration configuration) =>
        services.AddDriveSyncPipeline(configuration).ValidatePipelineOptionsOnStart()
            .Configure<JsonSerializerOptions>(ConfigureJson);

    /// <summary>
    /// The worker's JSON (its <c>WorkerOptions.Serializer</c>, which the Durable extension also uses for inputs, outputs and
    /// custom status): camelCase members, read case-insensitively, so the check-status payload reads
    /// <c>{"id", "statusQueryGetUri", …}</c> as every Durable Functions client expects. Dictionary keys stay as they are.
    /// </summary>
    public static void ConfigureJson(JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        options.PropertyNameCaseInsensitive = true;
    }
}
