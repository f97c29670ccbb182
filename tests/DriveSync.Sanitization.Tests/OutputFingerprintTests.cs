using System.Security.Cryptography;
using System.Text;
using DriveSync.Sanitization.Documents;
using DriveSync.Sanitization.Tests.Corpus;

namespace DriveSync.Sanitization.Tests;

/// <summary>
/// Pins what the sanitizer writes: the SHA-256 of every output over the corpus gate's generator (three seeds, every format)
/// and over label soup (<see cref="LabelSoup"/>) in every text layout, with the default and the smallest chunk size.
/// The pinned list, <c>Corpus/OutputFingerprints.txt</c>, was written by the build of <see cref="SanitizerVersion.Current"/>
/// that the list names; a speed change must leave it unchanged. A deliberate detection change bumps the version and rewrites
/// the list: run this test with <c>DRIVESYNC_WRITE_FINGERPRINTS=&lt;path&gt;</c> to write the new list there (the test then only writes).
/// </summary>
public sealed class OutputFingerprintTests
{
    private const string PinnedFile = "Corpus/OutputFingerprints.txt";

    [Fact]
    public async Task SanitizeAsync_CorpusAndLabelSoup_OutputsMatchPinnedFingerprints()
    {
        var actual = new List<string> { "version " + SanitizerVersion.Current };
        foreach (var (name, options, content) in Documents())
        {
            var sanitizer = new DocumentSanitizer(options);
            using var output = new MemoryStream();
            var outcome = await sanitizer.SanitizeAsync(name, null, new MemoryStream(content), output, TestContext.Current.CancellationToken)
                .WaitAsync(SanitizerHarness.Timeout, TestContext.Current.CancellationToken);
            var bytes = CorpusText.IsOffice(name) ? Encoding.UTF8.GetBytes(CorpusText.Extract(name, output.ToArray())) : output.ToArray();
            actual.Add($"{name} {(outcome.IsSanitized ? "sanitized" : "quarantined")} {outcome.TotalRedactions} {Convert.ToHexStringLower(SHA256.HashData(bytes))}");
        }

        if (Environment.GetEnvironmentVariable("DRIVESYNC_WRITE_FINGERPRINTS") is { Length: > 0 } path)
        {
            await File.WriteAllLinesAsync(path, actual, TestContext.Current.CancellationToken);
            return;
        }

        var pinned = await File.ReadAllLinesAsync(Path.Combine(AppContext.BaseDirectory, PinnedFile), TestContext.Current.CancellationToken);
        var differing = actual.Except(pinned).ToList();
        Assert.True(pinned.Length == actual.Count && differing.Count == 0, $"{differing.Count} of {actual.Count} outputs differ from {PinnedFile} ({pinned.Length} lines): {string.Join("; ", differing.Take(10))}");
    }

    private static IEnumerable<(string Name, SanitizerOptions Options, byte[] Content)> Documents()
    {
        var defaults = new SanitizerOptions();
        foreach (var seed in (int[])[20251125, 7, 1234])
        {
            foreach (var document in CorpusGenerator.Generate(seed: seed))
            {
                yield return ($"{seed}-{document.FileName}", defaults, document.Content);
            }
        }

        var smallChunks = new SanitizerOptions { TextChunkChars = 4096 };
        foreach (var extension in (string[])[".txt", ".csv", ".tsv", ".json", ".md", ".html", ".log"])
        {
            for (var seed = 1; seed <= 3; seed++)
            {
                var soup = Encoding.ASCII.GetBytes(LabelSoup.Text(300_000, (seed * 31) + extension[1]));
                yield return ($"soup-{seed}{extension}", defaults, soup);
                yield return ($"soup-{seed}-4k{extension}", smallChunks, soup);
            }
        }
    }
}
