using System.Text;
using System.Text.Json;

namespace DriveSync.Host.Tests.Cli;

/// <summary>One <c>drivesync sanitize --json</c> and one plain run of the real CLI over a <see cref="SanitizeTree"/>.</summary>
public sealed class SanitizeTreeRun : IAsyncLifetime
{
    /// <summary>Lower than the 512 MiB default so the zip bomb expands to over three times the limit.</summary>
    public const string DecompressedLimit = "--DriveSync:Sanitizer:MaxDecompressedBytes=67108864";

    public SanitizeTree Tree { get; } = new();
    public CliResult Json { get; private set; } = null!;
    public JsonElement Summary { get; private set; }
    public CliResult Text { get; private set; } = null!;
    public string TextOutput => Path.Combine(Tree.Root, "out-text");

    public async ValueTask InitializeAsync()
    {
        Json = await CliProcess.RunAsync(TimeSpan.FromSeconds(120), "sanitize", Tree.Input, Tree.Output, "--json", DecompressedLimit);
        Summary = JsonDocument.Parse(Json.Stdout).RootElement.Clone();
        Text = await CliProcess.RunAsync(TimeSpan.FromSeconds(120), "sanitize", Tree.Input, TextOutput, DecompressedLimit);
    }

    public ValueTask DisposeAsync()
    {
        Tree.Dispose();
        return ValueTask.CompletedTask;
    }
}

public sealed class SanitizeCliTests(SanitizeTreeRun run) : IClassFixture<SanitizeTreeRun>
{
    private static readonly TimeSpan CliTimeout = TimeSpan.FromSeconds(60);

    private static IEnumerable<string> ExpectedWritten => SanitizeTree.Expected.Values.OfType<string>();

    private static IEnumerable<string> ExpectedQuarantined => SanitizeTree.Expected.Where(e => e.Value is null).Select(e => e.Key);

    [Fact]
    public void Sanitize_DirectoryTree_ExitsOneWithJsonCountsMatchingFiles()
    {
        Assert.Equal(1, run.Json.ExitCode);
        var files = run.Summary.GetProperty("files").EnumerateArray().ToList();
        Assert.Equal(SanitizeTree.Expected.Count, files.Count);
        Assert.Equal(ExpectedWritten.Count(), run.Summary.GetProperty("sanitized").GetInt32());
        Assert.Equal(ExpectedQuarantined.Count(), run.Summary.GetProperty("quarantined").GetInt32());
        Assert.Equal(files.Count(f => f.GetProperty("status").GetString() == "sanitized"), run.Summary.GetProperty("sanitized").GetInt32());
        var totals = run.Summary.GetProperty("countsByType").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt64());
        var perFile = files.SelectMany(f => f.GetProperty("counts").EnumerateObject()).GroupBy(p => p.Name).ToDictionary(g => g.Key, g => g.Sum(p => p.Value.GetInt64()));
        Assert.Equal(perFile.OrderBy(p => p.Key), totals.OrderBy(p => p.Key));
        foreach (var type in new[] { "SSN", "EMAIL", "PHONE", "CARD", "IBAN" })
        {
            Assert.True(totals.GetValueOrDefault(type) > 0, $"no {type} redaction counted");
        }
    }

    [Fact]
    public void Sanitize_DirectoryTree_WritesExactlyTheSanitizedFilesAtSanitizedRelativePaths()
    {
        var written = Directory.EnumerateFiles(run.Tree.Output, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(run.Tree.Output, f).Replace(Path.DirectorySeparatorChar, '/'))
            .Order(StringComparer.Ordinal);
        Assert.Equal(ExpectedWritten.Order(StringComparer.Ordinal), written);
        var listed = run.Summary.GetProperty("files").EnumerateArray()
            .Where(f => f.GetProperty("status").GetString() == "sanitized")
            .Select(f => f.GetProperty("path").GetString()!)
            .Order(StringComparer.Ordinal);
        Assert.Equal(ExpectedWritten.Order(StringComparer.Ordinal), listed);
        Assert.Equal(["in", "out", "out-text"], Directory.EnumerateFileSystemEntries(run.Tree.Root).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Sanitize_DirectoryTree_ListsEachQuarantinedFileWithReasonAndWritesNothingForIt()
    {
        var quarantined = run.Summary.GetProperty("files").EnumerateArray().Where(f => f.GetProperty("status").GetString() != "sanitized").ToList();
        Assert.Equal(ExpectedQuarantined.Order(StringComparer.Ordinal), quarantined.Select(f => f.GetProperty("path").GetString()!).Order(StringComparer.Ordinal));
        Assert.All(quarantined, f =>
        {
            Assert.Equal("quarantined", f.GetProperty("status").GetString());
            Assert.False(string.IsNullOrWhiteSpace(f.GetProperty("reason").GetString()));
            Assert.False(File.Exists(Path.Combine(run.Tree.Output, f.GetProperty("path").GetString()!)));
        });
    }

    [Fact]
    public void Sanitize_DirectoryTree_NoPlantedValueInOutputsNamesOrPrintedText()
    {
        var haystacks = new List<(string Where, string Text)>
        {
            ("json stdout", run.Json.Stdout), ("json stderr", run.Json.Stderr), ("text stdout", run.Text.Stdout), ("text stderr", run.Text.Stderr),
        };
        foreach (var file in Directory.EnumerateFiles(run.Tree.Root, "*", SearchOption.AllDirectories).Where(f => !f.StartsWith(run.Tree.Input + Path.DirectorySeparatorChar, StringComparison.Ordinal)))
        {
            var relative = Path.GetRelativePath(run.Tree.Root, file);
            haystacks.Add(("name " + relative, relative));
            haystacks.Add((relative, Encoding.Latin1.GetString(File.ReadAllBytes(file))));
            if (file.EndsWith(".docx", StringComparison.Ordinal))
            {
                haystacks.Add((relative + " text", SanitizeTree.DocxText(file)));
            }
        }

        foreach (var (where, text) in haystacks)
        {
            var found = SanitizeTree.Planted.Where(p => text.Contains(p, StringComparison.OrdinalIgnoreCase)).ToList();
            Assert.True(found.Count == 0, $"{where} holds planted value(s) #{string.Join(",", found.Select(f => SanitizeTree.Planted.ToList().IndexOf(f)))}");
        }
    }

    [Fact]
    public void Sanitize_DirectoryTree_LookAlikesSurvive()
    {
        var notice = File.ReadAllText(Path.Combine(run.Tree.Output, "notice.txt"));
        Assert.All(SanitizeTree.LookAlikes, lookAlike => Assert.Contains(lookAlike, notice, StringComparison.Ordinal));
        Assert.Contains(SanitizeTree.LookAlikes[5], File.ReadAllText(Path.Combine(run.Tree.Output, "sub", "people.csv")), StringComparison.Ordinal);
        Assert.Contains(SanitizeTree.LookAlikes[0], SanitizeTree.DocxText(Path.Combine(run.Tree.Output, "sub", "deeper", "letter.docx")), StringComparison.Ordinal);
        var expected = SanitizeTree.NoticeText().Replace(SanitizeTree.Ssn, "[SSN]", StringComparison.Ordinal).Replace(SanitizeTree.Email, "[EMAIL]", StringComparison.Ordinal)
            .Replace(SanitizeTree.Phone, "[PHONE]", StringComparison.Ordinal).Replace(SanitizeTree.Card, "[CARD]", StringComparison.Ordinal)
            .Replace(SanitizeTree.Iban, "[IBAN]", StringComparison.Ordinal).Replace("John Doe", "[NAME]", StringComparison.Ordinal);
        Assert.Equal(expected, notice);
    }

    [Fact]
    public void Sanitize_InvalidUtf8Bytes_KeptByteForByteAroundTheRedaction()
    {
        byte[] expected = [.. SanitizeTree.InvalidUtf8Prefix, .. "SSN [SSN]"u8, .. SanitizeTree.InvalidUtf8Suffix];
        Assert.Equal(expected, File.ReadAllBytes(Path.Combine(run.Tree.Output, "bytes.txt")));
    }

    [Fact]
    public void Sanitize_TwentyMegabyteSingleLine_RedactsStartMiddleAndEndAndKeepsTheRest()
    {
        var expected = Encoding.ASCII.GetBytes(Encoding.ASCII.GetString(SanitizeTree.LongLine())
            .Replace(SanitizeTree.Ssn, "[SSN]", StringComparison.Ordinal).Replace(SanitizeTree.Email, "[EMAIL]", StringComparison.Ordinal).Replace(SanitizeTree.Card, "[CARD]", StringComparison.Ordinal));
        var actual = File.ReadAllBytes(Path.Combine(run.Tree.Output, "long.txt"));
        Assert.Equal(expected.Length, actual.Length);
        Assert.True(expected.AsSpan().SequenceEqual(actual), $"long.txt differs first at byte {expected.AsSpan().CommonPrefixLength(actual)}");
    }

    [Fact]
    public void Sanitize_DocxWithPii_RedactsTheDocumentText()
    {
        var text = SanitizeTree.DocxText(Path.Combine(run.Tree.Output, "sub", "deeper", "letter.docx"));
        Assert.Equal($"Dear customer, your SSN [SSN] and card [CARD] are on file. Reference {SanitizeTree.LookAlikes[0]}.", text);
    }

    [Fact]
    public void Sanitize_ZipBombInDocx_QuarantinedWithoutOutput()
    {
        Assert.True(new FileInfo(Path.Combine(run.Tree.Input, "bomb.docx")).Length < 2 * 1024 * 1024, "the bomb should be small on disk");
        var bomb = run.Summary.GetProperty("files").EnumerateArray().Single(f => f.GetProperty("path").GetString() == "bomb.docx");
        Assert.Equal("quarantined", bomb.GetProperty("status").GetString());
        Assert.Matches("DriveSync:Sanitizer:(MaxDecompressedBytes|MaxCompressionRatio)", bomb.GetProperty("reason").GetString());
        Assert.False(File.Exists(Path.Combine(run.Tree.Output, "bomb.docx")));
    }

    [Fact]
    public void Sanitize_PlainOutput_PrintsOneLinePerFileAndASummary()
    {
        Assert.Equal(1, run.Text.ExitCode);
        var lines = run.Text.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(SanitizeTree.Expected.Count + 1, lines.Length);
        Assert.Equal(ExpectedWritten.Count(), lines.Count(l => l.StartsWith("sanitized ", StringComparison.Ordinal)));
        Assert.StartsWith($"{ExpectedWritten.Count()} sanitized, {ExpectedQuarantined.Count()} not written; redactions: ", lines[^1], StringComparison.Ordinal);
        Assert.Equal(
            Directory.EnumerateFiles(run.Tree.Output, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(run.Tree.Output, f)).Order(StringComparer.Ordinal),
            Directory.EnumerateFiles(run.TextOutput, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(run.TextOutput, f)).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Sanitize_SingleFile_WritesTheSanitizedFileAndExitsZero()
    {
        using var dir = new TempDir();
        var source = dir.Write("in.txt", Encoding.UTF8.GetBytes($"Call {SanitizeTree.Phone} or mail {SanitizeTree.Email}.\n"));
        var target = Path.Combine(dir.Path, "clean.txt");

        var result = await CliProcess.RunAsync(CliTimeout, "sanitize", source, target, "--json");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("Call [PHONE] or mail [EMAIL].\n", File.ReadAllText(target));
        var summary = JsonDocument.Parse(result.Stdout).RootElement;
        Assert.Equal(1, summary.GetProperty("sanitized").GetInt32());
        Assert.Equal(0, summary.GetProperty("quarantined").GetInt32());
        Assert.Equal("clean.txt", summary.GetProperty("files")[0].GetProperty("path").GetString());
        Assert.Equal(["clean.txt", "in.txt"], Directory.EnumerateFiles(dir.Path).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Sanitize_SingleFileIntoExistingDirectory_UsesTheSanitizedName()
    {
        using var dir = new TempDir();
        var source = dir.Write($"{SanitizeTree.Email} notes.txt", "plain words\n"u8.ToArray());
        var outputDir = Directory.CreateDirectory(Path.Combine(dir.Path, "out")).FullName;

        var result = await CliProcess.RunAsync(CliTimeout, "sanitize", source, outputDir);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(["[EMAIL] notes.txt"], Directory.EnumerateFiles(outputDir).Select(Path.GetFileName));
        Assert.DoesNotContain(SanitizeTree.Email, result.AllOutput, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Sanitize_SingleUnsupportedFile_ExitsOneAndWritesNothing()
    {
        using var dir = new TempDir();
        var source = dir.Write("photo.png", Canary.Image);
        var target = Path.Combine(dir.Path, "photo.clean.png");

        var result = await CliProcess.RunAsync(CliTimeout, "sanitize", source, target);

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("quarantined photo.clean.png", result.Stdout, StringComparison.Ordinal);
        Assert.Equal(["photo.png"], Directory.EnumerateFileSystemEntries(dir.Path).Select(Path.GetFileName));
    }

    [Fact]
    public async Task Sanitize_MissingInput_ExitsTwoWithAClearError()
    {
        using var dir = new TempDir();

        var result = await CliProcess.RunAsync(CliTimeout, "sanitize", Path.Combine(dir.Path, "nope"), Path.Combine(dir.Path, "out"));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("neither a file nor a directory", result.Stderr, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFileSystemEntries(dir.Path));
    }

    [Fact]
    public async Task Sanitize_OutputIsTheInputDirectory_ExitsTwoAndChangesNothing()
    {
        using var dir = new TempDir();
        var source = dir.Write("a.txt", Encoding.UTF8.GetBytes($"SSN {SanitizeTree.Ssn}\n"));

        var treeResult = await CliProcess.RunAsync(CliTimeout, "sanitize", dir.Path, dir.Path);
        var fileResult = await CliProcess.RunAsync(CliTimeout, "sanitize", source, source);

        Assert.Equal(2, treeResult.ExitCode);
        Assert.Equal(2, fileResult.ExitCode);
        Assert.Equal($"SSN {SanitizeTree.Ssn}\n", File.ReadAllText(source));
        Assert.Single(Directory.EnumerateFileSystemEntries(dir.Path));
    }

    [Fact]
    public async Task Sanitize_InvalidSetting_ExitsTwoNamingTheSetting()
    {
        using var dir = new TempDir();
        var source = dir.Write("a.txt", "x\n"u8.ToArray());

        var result = await CliProcess.RunAsync(CliTimeout, "sanitize", source, Path.Combine(dir.Path, "b.txt"), "--DriveSync:Sanitizer:MaxCompressionRatio=1");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("DriveSync:Sanitizer:MaxCompressionRatio", result.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(dir.Path, "b.txt")));
    }
}

/// <summary>A temp directory deleted on dispose.</summary>
internal sealed class TempDir : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("drivesync-cli-").FullName;

    public string Write(string name, byte[] bytes)
    {
        var path = System.IO.Path.Combine(Path, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
