using DriveSync.Sanitization.Documents;
using DriveSync.Sanitization.Tests.Corpus;

namespace DriveSync.Sanitization.Tests;

public sealed class CorpusGateTests
{
    /// <summary>The recall each planted type must reach (issue #15's goals); look-alikes must be kept at <see cref="MinKeepRate"/>.</summary>
    private static readonly Dictionary<string, double> MinRecall = new()
    {
        [PiiTypes.Ssn] = 0.99, [PiiTypes.Email] = 0.99, [PiiTypes.Phone] = 0.99, [PiiTypes.Card] = 0.99, [PiiTypes.Iban] = 0.99,
        [PiiTypes.Name] = 0.90, [PiiTypes.Address] = 0.90, [PiiTypes.DriverLicense] = 0.97,
    };

    private const double MinKeepRate = 0.99;

    private static readonly string[] GatedTypes = [.. MinRecall.Keys];

    [Fact]
    public void Generate_SameSeed_GivesSameCorpus()
    {
        var first = CorpusGenerator.Generate(documentsPerFormat: 1);
        var second = CorpusGenerator.Generate(documentsPerFormat: 1);

        Assert.Equal(first.Select(d => d.FileName), second.Select(d => d.FileName));
        Assert.Equal(first.SelectMany(d => d.Pii), second.SelectMany(d => d.Pii));
        Assert.All(first.Where(d => !CorpusText.IsOffice(d.FileName)).Zip(second), pair => Assert.Equal(pair.First.Content, pair.Second.Content));
    }

    [Fact]
    public async Task SanitizeAsync_LabelledCorpus_RecallPerTypeAtGoalAndLookAlikesKept()
    {
        var sanitizer = new DocumentSanitizer(new SanitizerOptions());
        var found = GatedTypes.ToDictionary(t => t, _ => 0);
        var planted = GatedTypes.ToDictionary(t => t, _ => 0);
        int lookAlikes = 0, altered = 0;
        var misses = new List<string>();
        foreach (var document in CorpusGenerator.Generate())
        {
            using var output = new MemoryStream();
            var outcome = await sanitizer.SanitizeAsync(document.FileName, null, new MemoryStream(document.Content), output, TestContext.Current.CancellationToken)
                .WaitAsync(SanitizerHarness.Timeout, TestContext.Current.CancellationToken);
            Assert.True(outcome.IsSanitized, $"{document.FileName}: {outcome.QuarantineReason}");
            var text = CorpusText.Extract(document.FileName, output.ToArray());
            var source = CorpusText.Extract(document.FileName, document.Content);
            foreach (var value in document.Pii)
            {
                Assert.Contains(value.Value, source, StringComparison.Ordinal);
                planted[value.Type]++;
                if (!text.Contains(value.Value, StringComparison.Ordinal))
                {
                    found[value.Type]++;
                }
                else
                {
                    misses.Add($"{document.FileName} {value.Value.Length}ch {value.Type}");
                }
            }

            foreach (var lookAlike in document.LookAlikes)
            {
                lookAlikes++;
                if (!text.Contains(lookAlike, StringComparison.Ordinal))
                {
                    altered++;
                    misses.Add($"{document.FileName} look-alike altered: {lookAlike}");
                }
            }
        }

        var report = string.Join(", ", GatedTypes.Select(t => $"{t} {found[t]}/{planted[t]} ({100.0 * found[t] / Math.Max(1, planted[t]):0.0} %)"))
            + $"; look-alikes kept {lookAlikes - altered}/{lookAlikes} ({100.0 * (lookAlikes - altered) / Math.Max(1, lookAlikes):0.0} %)";
        TestContext.Current.TestOutputHelper?.WriteLine(report);
        Console.WriteLine("corpus gate: " + report);
        foreach (var type in GatedTypes)
        {
            Assert.True(planted[type] >= 100, $"too few planted {type}: {report}");
            Assert.True(found[type] >= MinRecall[type] * planted[type], $"{type} recall below {MinRecall[type]}: {report}; {string.Join("; ", misses.Where(m => m.EndsWith(type, StringComparison.Ordinal)).Take(20))}");
        }

        Assert.True(lookAlikes - altered >= MinKeepRate * lookAlikes, $"too many look-alikes altered: {report}; {string.Join("; ", misses.Take(20))}");
    }
}
