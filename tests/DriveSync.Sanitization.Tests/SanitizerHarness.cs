using System.Text;
using DriveSync.Sanitization.Documents;

namespace DriveSync.Sanitization.Tests;

/// <summary>Runs the document sanitizer over bytes in memory, with a timeout.</summary>
internal static class SanitizerHarness
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    public static async Task<(SanitizeOutcome Outcome, byte[] Output)> RunAsync(string fileName, byte[] input, SanitizerOptions? options = null, string? contentType = null)
    {
        var sanitizer = new DocumentSanitizer(options ?? new SanitizerOptions());
        using var output = new MemoryStream();
        using var source = new MemoryStream(input, writable: false);
        var outcome = await sanitizer.SanitizeAsync(fileName, contentType, source, output, TestContext.Current.CancellationToken).WaitAsync(Timeout, TestContext.Current.CancellationToken);
        return (outcome, output.ToArray());
    }

    public static async Task<(SanitizeOutcome Outcome, string Output)> RunTextAsync(string fileName, string input, SanitizerOptions? options = null)
    {
        var (outcome, output) = await RunAsync(fileName, Encoding.UTF8.GetBytes(input), options);
        return (outcome, Encoding.UTF8.GetString(output));
    }
}
