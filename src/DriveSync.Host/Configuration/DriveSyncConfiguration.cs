
namespace DriveSync.Host.Configuration;

/// <summary>
/// The one place configuration is assembled, for every command: <c>appsettings.json</c> beside the
/// executable, then <c>appsettings.json</c> in the working directory, then environment variables
/// (<c>DriveSync__Drive__FolderId</c> is <c>DriveSync:Drive:FolderId</c>; Azure's own variables such as
/// <c>APPLICATIONINSIGHTS_CONNECTION_STRING</c> come through as they are),
/// then <c>--DriveSync:Section:Key=value</c> tokens from the command line, then the command's own options.
/// Later sources win.
/// </summary>
public static class DriveSyncConfiguration
{
    /// <summary>Adds the sources described on <see cref="DriveSyncConfiguration"/> to <paramref name="builder"/>.</summary>
    /// <param name="builder">The builder to add to.</param>
    /// <param name="commandLineSettings">Unmatched command-line tokens of the form <c>--Key=value</c> or <c>--Key value</c>.</param>
    /// <param name="commandOptions">Settings taken from the command's typed options (e.g. <c>--urls</c>); null values are skipped.</param>
    public static IConfigurationBuilder AddDriveSyncSources(
        this IConfigurationBuilder builder,
        IEnumerable<string>? commandLineSettings = null,
        IReadOnlyDictionary<string, string?>? commandOptions = null)
    {
        builder.AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true, reloadOnChange: false);
        var workingDirectoryFile = Path.Combine(Directory.GetCurrentDirectory(), "appsettings.json");
        if (!string.Equals(Path.GetFullPath(workingDirectoryFile), Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "appsettings.json")), StringComparison.Ordinal))
        {
            builder.AddJsonFile(workingDirectoryFile, optional: true, reloadOnChange: false);
        }

        builder.AddEnvironmentVariables();
        builder.AddCommandLine((commandLineSettings ?? []).ToArray());
        if (commandOptions is not null)
        {
            builder.AddInMemoryCollection(commandOptions.Where(pair => pair.Value is not null));
        }

        return builder;
    }

    /// <summary>Builds the configuration from the sources described on <see cref="DriveSyncConfiguration"/>.</summary>
    public static IConfigurationRoot Build(
        IEnumerable<string>? commandLineSettings = null,
        IReadOnlyDictionary<string, string?>? commandOptions = null) =>
        new ConfigurationBuilder().AddDriveSyncSources(commandLineSettings, commandOptions).Build();
}
