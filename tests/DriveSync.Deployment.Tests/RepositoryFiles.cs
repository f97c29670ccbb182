namespace DriveSync.Deployment.Tests;

/// <summary>Finds the checkout the tests run from and reads the deployment files in it.</summary>
internal static class RepositoryFiles
{
    /// <summary>The repository root: the first directory above the test binaries that holds <c>Functions.sln</c>.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>Path of <c>infra/main.bicep</c>.</summary>
    public static string MainBicep => Path.Combine(Root, "infra", "main.bicep");

    /// <summary>Path of <c>infra/main.parameters.json</c>.</summary>
    public static string MainParameters => Path.Combine(Root, "infra", "main.parameters.json");

    /// <summary>Path of <c>local.settings.sample.json</c>.</summary>
    public static string LocalSettingsSample => Path.Combine(Root, "local.settings.sample.json");

    /// <summary>Path of <c>host.json</c> (the Functions host's settings, published with the app).</summary>
    public static string HostJson => Path.Combine(Root, "host.json");

    /// <summary>
    /// The <c>functions.metadata</c> the Worker SDK generated for src/DriveSync.Functions in this test's configuration
    /// (the project reference builds it): every function with its bindings, as the Functions host indexes them.
    /// </summary>
    public static string FunctionsMetadata =>
        Path.Combine(Root, "src", "DriveSync.Functions", "bin", new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name, "net10.0", "functions.metadata");

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Functions.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No Functions.sln above {AppContext.BaseDirectory}; run the tests from the checkout.");
    }
}
