using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using DriveSync.Testing;

namespace DriveSync.Functions.Tests;

/// <summary>The Functions app as the Worker SDK built it (a project reference builds it in this test's configuration).</summary>
internal static class FunctionsApp
{
    /// <summary>The configuration this test assembly was built in (<c>Release</c> or <c>Debug</c>): the folder above its target framework folder.</summary>
    public static string Configuration => new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;

    /// <summary>The project folder.</summary>
    public static string ProjectDirectory => Path.Combine(RepoPaths.Root, "src", "DriveSync.Functions");

    /// <summary>The app's build output.</summary>
    public static string OutputDirectory => Path.Combine(ProjectDirectory, "bin", Configuration, "net10.0");

    /// <summary>The generated <c>functions.metadata</c>, by function name.</summary>
    public static IReadOnlyDictionary<string, JsonObject> Functions() =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(OutputDirectory, "functions.metadata")))!.AsArray()
            .Select(node => node!.AsObject())
            .ToDictionary(function => function["name"]!.GetValue<string>(), StringComparer.Ordinal);

    /// <summary>A JSON file of the build output.</summary>
    public static JsonObject ReadJson(string relativePath) =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(OutputDirectory, relativePath)), documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip })!.AsObject();

    /// <summary>Publishes the already built app (<c>dotnet publish --no-build</c>) into <paramref name="directory"/>.</summary>
    public static async Task PublishAsync(string directory, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { "publish", Path.Combine(ProjectDirectory, "DriveSync.Functions.csproj"), "-c", Configuration, "--no-build", "-o", directory, "--nologo", "-v", "q" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment = { ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1", ["DOTNET_NOLOGO"] = "1" },
        };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        try
        {
            await process.WaitForExitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        Assert.True(process.ExitCode == 0, $"dotnet publish exited {process.ExitCode}: {await output}{await error}");
    }
}
