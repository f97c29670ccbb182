using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace DriveSync.Pipeline.State;

/// <summary>
/// Blob names of the state container. Per source: <c>sources/{source}/lease</c>, <c>active.json</c>, <c>ledger.bin</c>,
/// <c>changes.json</c>. Per run: <c>runs/{run}/checkpoint.json</c>, <c>batches/{n}.json</c>, <c>results/{n}.json</c>,
/// <c>watched/{page}.json</c>, <c>manifest.jsonl</c>, <c>summary.json</c>. Newest-first index: <c>index/{inverted ticks}-{run}</c>.
/// </summary>
public static class StatePaths
{
    public static string SourceKey(string sourceId)
    {
        if (sourceId.Length is > 0 and <= 100 && sourceId.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
            return sourceId;
        return "h" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(sourceId)))[..32];
    }

    public static string Lease(string sourceId) => $"sources/{SourceKey(sourceId)}/lease";
    public static string Active(string sourceId) => $"sources/{SourceKey(sourceId)}/active.json";
    public static string Ledger(string sourceId) => $"sources/{SourceKey(sourceId)}/ledger.bin";
    public static string Changes(string sourceId) => $"sources/{SourceKey(sourceId)}/changes.json";

    public static string RunPrefix(string runId) => $"runs/{runId}/";
    public static string Checkpoint(string runId) => $"runs/{runId}/checkpoint.json";
    public static string Batch(string runId, int number) => $"runs/{runId}/batches/{number.ToString("D6", CultureInfo.InvariantCulture)}.json";
    public static string Result(string runId, int number) => $"runs/{runId}/results/{number.ToString("D6", CultureInfo.InvariantCulture)}.json";
    public static string ResultPrefix(string runId) => $"runs/{runId}/results/";
    public static string RunWatchedPrefix(string runId) => $"runs/{runId}/watched/";
    public static string RunWatched(string runId, int page) => $"runs/{runId}/watched/{page.ToString("D6", CultureInfo.InvariantCulture)}.json";
    public static string Manifest(string runId) => $"runs/{runId}/manifest.jsonl";
    public static string Summary(string runId) => $"runs/{runId}/summary.json";

    public const string IndexPrefix = "index/";

    public static string Index(string runId, DateTimeOffset created) =>
        IndexPrefix + (DateTimeOffset.MaxValue.UtcTicks - created.UtcTicks).ToString("D19", CultureInfo.InvariantCulture) + "-" + runId;

    public static string RunIdFromIndex(string indexName) => indexName[(IndexPrefix.Length + 20)..];

    /// <summary>A new run id: UTC start time plus random suffix, safe in blob names and URLs.</summary>
    public static string NewRunId(DateTimeOffset now) =>
        now.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture) + "-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));

    public static bool IsValidRunId(string runId) =>
        runId.Length is > 0 and <= 64 && runId.All(c => char.IsAsciiLetterOrDigit(c) || c is '-');

    /// <summary>The lease id a run holds on its source: the same from every process, so any of them can renew it.</summary>
    public static string LeaseId(string runId) => new Guid(SHA256.HashData(Encoding.UTF8.GetBytes(runId)).AsSpan(0, 16)).ToString();
}
