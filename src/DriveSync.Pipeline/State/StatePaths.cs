using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace DriveSync.Pipeline.State;

/// <summary>
/// Blob names of the state container. Per source: <c>sources/{source}/active.json</c>, <c>ledger.bin</c>, <c>changes.json</c>.
/// Per run: <c>runs/{run}/batches/{n}.json</c>, <c>results/{n}.json</c>, <c>cursors/{page}.json</c>, <c>changes.json</c>,
/// <c>watched/{page}.json</c>, <c>gone.json</c>, <c>removed.json</c>, <c>manifest.jsonl</c>, <c>summary.json</c>.
/// </summary>
public static class StatePaths
{
    public static string SourceKey(string sourceId)
    {
        if (sourceId.Length is > 0 and <= 100 && sourceId.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
            return sourceId;
        return "h" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(sourceId)))[..32];
    }

    public static string Active(string sourceId) => $"sources/{SourceKey(sourceId)}/active.json";
    public static string Ledger(string sourceId) => $"sources/{SourceKey(sourceId)}/ledger.bin";
    public static string Changes(string sourceId) => $"sources/{SourceKey(sourceId)}/changes.json";

    public static string RunPrefix(string runId) => $"runs/{runId}/";
    public static string Batch(string runId, int number) => $"runs/{runId}/batches/{number.ToString("D6", CultureInfo.InvariantCulture)}.json";
    public static string Result(string runId, int number) => $"runs/{runId}/results/{number.ToString("D6", CultureInfo.InvariantCulture)}.json";
    public static string ResultPrefix(string runId) => $"runs/{runId}/results/";
    public static string BatchPrefix(string runId) => $"runs/{runId}/batches/";
    public static string Cursor(string runId, int page) => $"runs/{runId}/cursors/{page.ToString("D6", CultureInfo.InvariantCulture)}.json";
    public static string RunChanges(string runId) => $"runs/{runId}/changes.json";

    /// <summary>The number of a batch manifest or result blob (its <c>{n:D6}.json</c> name), or -1.</summary>
    public static int NumberOf(string blobName)
    {
        var file = blobName[(blobName.LastIndexOf('/') + 1)..];
        return file.EndsWith(".json", StringComparison.Ordinal)
            && int.TryParse(file.AsSpan(0, file.Length - 5), NumberStyles.None, CultureInfo.InvariantCulture, out var number) ? number : -1;
    }
    public static string RunWatchedPrefix(string runId) => $"runs/{runId}/watched/";
    public static string RunWatched(string runId, int page) => $"runs/{runId}/watched/{page.ToString("D6", CultureInfo.InvariantCulture)}.json";
    public static string Gone(string runId) => $"runs/{runId}/gone.json";
    public static string Removals(string runId) => $"runs/{runId}/removed.json";
    public static string Manifest(string runId) => $"runs/{runId}/manifest.jsonl";
    public static string Summary(string runId) => $"runs/{runId}/summary.json";

    /// <summary>A new run id: UTC start time plus random suffix, safe in blob names and URLs.</summary>
    public static string NewRunId(DateTimeOffset now) =>
        now.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture) + "-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));

    public static bool IsValidRunId(string runId) =>
        runId.Length is > 0 and <= 64 && runId.All(c => char.IsAsciiLetterOrDigit(c) || c is '-');
}
