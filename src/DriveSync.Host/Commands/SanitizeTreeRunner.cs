using System.Text.Json;
using DriveSync.Sanitization;
using DriveSync.Sanitization.Documents;
using DriveSync.Sanitization.Redaction;

namespace DriveSync.Host.Commands;

/// <summary>
/// Runs the sanitizer over a file or a directory tree for <c>drivesync sanitize</c>: each output is staged in a temp
/// file beside its destination and moved into place only when the document was sanitized; a quarantined file's
/// staging file is deleted. Printed paths are the sanitized output paths; when two inputs sanitize to the same path
/// (<c>a 078-05-1120.txt</c> and <c>a 219-09-9999.txt</c> both become <c>a [SSN].txt</c>) the later one gets a
/// <c> (2)</c>, <c> (3)</c>… suffix instead of overwriting the earlier.
/// </summary>
internal sealed class SanitizeTreeRunner(DocumentSanitizer sanitizer, TextWriter output, TextWriter error)
{
    public const int ExitClean = 0;
    public const int ExitQuarantined = 1;
    public const int ExitInvalid = 2;

    /// <summary>
    /// The file streams' buffer: each refill or flush is a hop to the thread pool, and with 80 KB buffers the idle
    /// workers' spinning cost ~7 % of a dense file's CPU (bench/RESULTS.md, "Round 5").
    /// </summary>
    private const int FileBufferBytes = 1 << 20;

    private static readonly JsonSerializerOptions JsonOptions = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    public async Task<int> RunAsync(string input, string outputPath, bool json, CancellationToken cancellationToken)
    {
        var results = new List<FileResult>();
        if (File.Exists(input))
        {
            var target = Directory.Exists(outputPath) ? Path.Combine(outputPath, FileNameSanitizer.Sanitize(Path.GetFileName(input))) : outputPath;
            if (string.Equals(Path.GetFullPath(target), Path.GetFullPath(input), StringComparison.Ordinal))
            {
                await error.WriteLineAsync("drivesync sanitize: the output would overwrite the input; choose another output path.");
                return ExitInvalid;
            }

            results.Add(await SanitizeFileAsync(input, target, Path.GetFileName(target), cancellationToken));
        }
        else if (Directory.Exists(input))
        {
            var root = Path.GetFullPath(input);
            var outputRoot = Path.GetFullPath(outputPath);
            if (string.Equals(Path.TrimEndingDirectorySeparator(root), Path.TrimEndingDirectorySeparator(outputRoot), StringComparison.Ordinal))
            {
                await error.WriteLineAsync("drivesync sanitize: the output directory is the input directory; choose another output directory.");
                return ExitInvalid;
            }

            var taken = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            var walk = new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = FileAttributes.ReparsePoint, IgnoreInaccessible = true };
            foreach (var file in Directory.EnumerateFiles(root, "*", walk).Order(StringComparer.Ordinal))
            {
                if (file.StartsWith(outputRoot + Path.DirectorySeparatorChar, StringComparison.Ordinal))
                {
                    continue;
                }

                var relative = Unique(string.Join('/', Path.GetRelativePath(root, file).Split(Path.DirectorySeparatorChar).Select(FileNameSanitizer.Sanitize)), taken);
                results.Add(await SanitizeFileAsync(file, Path.Combine(outputRoot, relative), relative, cancellationToken));
            }
        }
        else
        {
            await error.WriteLineAsync("drivesync sanitize: the input is neither a file nor a directory.");
            return ExitInvalid;
        }

        await ReportAsync(results, json);
        return results.All(r => r.Status == "sanitized") ? ExitClean : ExitQuarantined;
    }

    /// <summary><paramref name="relative"/>, or it with " (n)" before the extension when an earlier file already took it.</summary>
    private static string Unique(string relative, HashSet<string> taken)
    {
        var candidate = relative;
        var slash = relative.LastIndexOf('/') + 1;
        var dot = relative.LastIndexOf('.');
        var stem = dot > slash ? relative[..dot] : relative;
        var extension = dot > slash ? relative[dot..] : "";
        for (var n = 2; !taken.Add(candidate); n++)
        {
            candidate = $"{stem} ({n}){extension}";
        }

        return candidate;
    }

    private async Task<FileResult> SanitizeFileAsync(string source, string target, string shownPath, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(target))!);
        var staging = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(target))!, $".drivesync-{Guid.NewGuid():N}.partial");
        try
        {
            SanitizeOutcome outcome;
            await using (var from = new FileStream(source, FileMode.Open, FileAccess.Read, FileShare.Read, FileBufferBytes, useAsync: true))
            await using (var to = new FileStream(staging, FileMode.CreateNew, FileAccess.Write, FileShare.None, FileBufferBytes, useAsync: true))
            {
                outcome = await sanitizer.SanitizeAsync(Path.GetFileName(source), null, from, to, cancellationToken);
            }

            if (outcome.IsSanitized)
            {
                File.Move(staging, target, overwrite: true);
                return new FileResult(shownPath, "sanitized", null, outcome.Format, outcome.CountsByType);
            }

            return new FileResult(shownPath, "quarantined", outcome.QuarantineReason, outcome.Format, outcome.CountsByType);
        }
        catch (IOException failure)
        {
            return new FileResult(shownPath, "failed", $"I/O error ({failure.GetType().Name})", "unknown", new Dictionary<string, long>());
        }
        catch (UnauthorizedAccessException)
        {
            return new FileResult(shownPath, "failed", "access denied", "unknown", new Dictionary<string, long>());
        }
        finally
        {
            File.Delete(staging);
        }
    }

    private async Task ReportAsync(List<FileResult> results, bool json)
    {
        var totals = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (var (type, count) in results.SelectMany(r => r.Counts))
        {
            totals[type] = totals.GetValueOrDefault(type) + count;
        }

        if (json)
        {
            var summary = new
            {
                detectorVersion = SanitizerVersion.Current,
                sanitized = results.Count(r => r.Status == "sanitized"),
                quarantined = results.Count(r => r.Status != "sanitized"),
                countsByType = totals,
                files = results,
            };
            await output.WriteLineAsync(JsonSerializer.Serialize(summary, JsonOptions));
            return;
        }

        foreach (var result in results)
        {
            var detail = result.Status == "sanitized"
                ? string.Join(", ", result.Counts.Select(c => $"{c.Key}={c.Value}"))
                : result.Reason;
            await output.WriteLineAsync($"{result.Status,-11} {result.Path}{(string.IsNullOrEmpty(detail) ? "" : "  (" + detail + ")")}");
        }

        await output.WriteLineAsync($"{results.Count(r => r.Status == "sanitized")} sanitized, {results.Count(r => r.Status != "sanitized")} not written; redactions: {(totals.Count == 0 ? "none" : string.Join(", ", totals.Select(t => $"{t.Key}={t.Value}")))} ({SanitizerVersion.Current})");
    }

    private sealed record FileResult(string Path, string Status, string? Reason, string Format, IReadOnlyDictionary<string, long> Counts);
}
