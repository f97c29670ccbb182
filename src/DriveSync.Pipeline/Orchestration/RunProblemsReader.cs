using DriveSync.Pipeline.Ports;
using DriveSync.Pipeline.State;

namespace DriveSync.Pipeline.Orchestration;

/// <summary>
/// Reads a run's quarantined and failed files from its batch results in the state container (<c>runs/{id}/results/</c>,
/// the same records as its manifest, in listing order), while it runs and after. Names are sanitized; reasons hold no PII.
/// </summary>
public sealed class RunProblemsReader(IBlobStore blobs, PipelineOptions options)
{
    /// <summary>
    /// Problems <paramref name="skip"/> to <paramref name="skip"/> + <paramref name="top"/> of the run, their total and
    /// their count per reason; empty when the run has none or does not exist.
    /// </summary>
    public async Task<ProblemPage> ReadAsync(string runId, int skip, int top, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(skip);
        ArgumentOutOfRangeException.ThrowIfNegative(top);
        var items = new List<RunProblem>();
        var byReason = new Dictionary<string, long>(StringComparer.Ordinal);
        long total = 0;
        if (!StatePaths.IsValidRunId(runId))
            return new ProblemPage(items, 0, byReason);
        string? marker = null;
        do
        {
            var page = await blobs.ListAsync(options.StateContainer, StatePaths.ResultPrefix(runId), marker, 1000, ct);
            foreach (var name in page.Names)
            {
                if (await blobs.ReadAsync(options.StateContainer, name, ct) is not { } blob)
                    continue;
                foreach (var file in StateJson.Deserialize<BatchResult>(blob.Content).Files)
                {
                    if (file.Outcome is not (FileOutcome.Quarantined or FileOutcome.Failed))
                        continue;
                    var reason = file.Reason ?? "";
                    byReason[reason] = byReason.GetValueOrDefault(reason) + 1;
                    if (total >= skip && items.Count < top)
                        items.Add(new RunProblem(file.Id, file.Name, file.Outcome.ToString(), reason));
                    total++;
                }
            }
            marker = page.NextMarker;
        }
        while (marker is not null);
        return new ProblemPage(items, total, byReason);
    }
}
