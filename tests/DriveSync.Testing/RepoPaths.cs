namespace DriveSync.Testing;

/// <summary>Paths inside the repository, found from the test assembly's location.</summary>
public static class RepoPaths
{
    private static readonly Lazy<string> LazyRoot = new(FindRoot);

    /// <summary>The repository root: the nearest directory above the test binaries that holds <c>Functions.sln</c>.</summary>
    public static string Root => LazyRoot.Value;

    /// <summary>The Azurite launcher installed by <c>npm ci</c>.</summary>
    public static string Azurite => Path.Combine(Root, "node_modules", ".bin", "azurite");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Functions.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No Functions.sln above {AppContext.BaseDirectory}; run the tests from inside the repository.");
    }
}
