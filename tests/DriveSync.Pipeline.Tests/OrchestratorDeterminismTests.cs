using System.Text.RegularExpressions;
using DriveSync.Testing;

namespace DriveSync.Pipeline.Tests;

/// <summary>
/// Keeps the orchestrator replay-safe: its source files use no clock, randomness, new GUIDs, I/O, threads, delays or
/// configuration (the Durable Task analyzer, on in the pipeline's build, catches the same inside the orchestrator's
/// own methods; this also covers the helpers it calls).
/// </summary>
public sealed partial class OrchestratorDeterminismTests
{
    private static readonly string[] OrchestratorFiles = ["SyncFolderOrchestrator.cs", "RunProgressTracker.cs"];

    public static TheoryData<string> Files() => [.. OrchestratorFiles];

    [Theory]
    [MemberData(nameof(Files))]
    public void Source_OrchestratorFile_UsesNoNonDeterministicApi(string file)
    {
        var path = Path.Combine(RepoPaths.Root, "src", "DriveSync.Pipeline", "Orchestration", file);
        var code = StripComments(File.ReadAllText(path));

        var found = ForbiddenApi().Matches(code).Select(m => m.Value).Distinct().ToList();

        Assert.True(found.Count == 0, $"{file} uses {string.Join(", ", found)}: orchestrator code must be deterministic (use context.CurrentUtcDateTime, context.NewGuid, activities for I/O).");
    }

    [Fact]
    public void ForbiddenApi_PlantedCalls_AreEachFound()
    {
        string[] planted =
        [
            "DateTime.Now", "DateTime.UtcNow", "DateTimeOffset.UtcNow", "TimeProvider.System", "Guid.NewGuid()", "new Random(", "Random.Shared",
            "Task.Delay(", "Thread.Sleep(", "Task.Run(", "File.ReadAllText(", "new HttpClient(", "Environment.GetEnvironmentVariable(", "Stopwatch.StartNew()",
            "IConfiguration", "IOptions<", "RandomNumberGenerator.GetBytes(", "blobs.ReadAsync(",
        ];

        Assert.All(planted, p => Assert.Matches(ForbiddenApi(), p));
        Assert.DoesNotMatch(ForbiddenApi(), "context.CurrentUtcDateTime; context.CallActivityAsync<BatchOutcome>(PipelineTasks.ProcessBatch, input, retry)");
    }

    private static string StripComments(string code) => Comments().Replace(code, string.Empty);

    [GeneratedRegex(@"\bDateTime(Offset)?\.(Now|UtcNow|Today)\b|\bTimeProvider\b|\bGuid\.NewGuid\b|\bnew Random\b|\bRandom\.Shared\b|\bRandomNumberGenerator\b|\bTask\.(Delay|Run)\b|\bThread\.Sleep\b|\bStopwatch\b|\b(File|Directory|Path)\.\w+\(|\bHttpClient\b|\bEnvironment\.|\bIConfiguration\b|\bIOptions<|\bblobs\.\w+|\bConsole\.")]
    private static partial Regex ForbiddenApi();

    [GeneratedRegex(@"//[^\n]*|/\*.*?\*/", RegexOptions.Singleline)]
    private static partial Regex Comments();
}
