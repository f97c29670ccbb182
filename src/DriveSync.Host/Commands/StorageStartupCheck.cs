using DriveSync.Pipeline;
using DriveSync.Pipeline.Storage;

namespace DriveSync.Host.Commands;

/// <summary>
/// The start-up check of the verbs that use storage: one cheap authenticated call per service, so that a wrong key or an
/// unreachable endpoint stops the process at once with the setting to fix, instead of a crash or 500s later.
/// </summary>
internal static class StorageStartupCheck
{
    /// <summary>Null when storage is ready; else prints the problems to stderr and returns the exit code 2.</summary>
    public static async Task<int?> RunAsync(IServiceProvider services, string command, CancellationToken cancellationToken)
    {
        var container = services.GetRequiredService<PipelineOptions>().StateContainer;
        var problems = await services.GetRequiredService<StorageReadiness>().CheckAsync(container, cancellationToken);
        if (problems.Count == 0)
            return null;
        await Console.Error.WriteLineAsync($"drivesync {command}: storage is not usable:");
        foreach (var problem in problems)
            await Console.Error.WriteLineAsync($"  - {problem.Message}");
        await Console.Error.WriteLineAsync("See docs/hosting.md (Storage) for connection strings, Azurite on other ports and Entra ID.");
        return PipelineConsole.ExitFailed;
    }
}
