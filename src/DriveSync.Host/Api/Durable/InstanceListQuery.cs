using System.Globalization;
using Microsoft.DurableTask.Client;

namespace DriveSync.Host.Api.Durable;

/// <summary>
/// The filter of <c>GET /runtime/webhooks/durabletask/instances</c>, read from the Functions host's query parameters
/// (<c>runtimeStatus</c> as a comma-separated list, <c>createdTimeFrom</c>, <c>createdTimeTo</c>, <c>top</c>,
/// <c>showInput</c>) and the <c>x-ms-continuation-token</c> request header. Unlike Durable Functions, which skips
/// values it cannot read, a value we cannot read is a 400 naming the parameter.
/// </summary>
public sealed record InstanceListQuery(
    IReadOnlyList<OrchestrationRuntimeStatus> Statuses,
    DateTimeOffset? CreatedFrom,
    DateTimeOffset? CreatedTo,
    int Top,
    bool ShowInput,
    string? ContinuationToken)
{
    /// <summary>The request and response header carrying the continuation token.</summary>
    public const string ContinuationHeader = "x-ms-continuation-token";

    /// <summary>The page size when <c>top</c> is absent (Durable Functions' default).</summary>
    public const int DefaultTop = 100;

    /// <summary>The names <c>runtimeStatus</c> accepts, as Durable Functions spells them.</summary>
    public static readonly IReadOnlyList<string> StatusNames = ["Pending", "Running", "Completed", "Failed", "Terminated", "Suspended"];

    /// <summary>The filter's parts that a continuation token is bound to (the same filter must come back with it).</summary>
    public string Fingerprint =>
        string.Join('|', Statuses.Select(s => s.ToString()).Order(StringComparer.Ordinal)) + "|" + CreatedFrom?.UtcTicks + "|" + CreatedTo?.UtcTicks;

    /// <summary>Reads the filter, or explains in <paramref name="error"/> which parameter is wrong.</summary>
    public static bool TryParse(IQueryCollection query, string? continuationHeader, int maxTop, out InstanceListQuery parsed, out string error)
    {
        parsed = new InstanceListQuery([], null, null, Math.Min(DefaultTop, maxTop), false, null);
        error = string.Empty;
        var statuses = new List<OrchestrationRuntimeStatus>();
        foreach (var value in query["runtimeStatus"].SelectMany(v => (v ?? string.Empty).Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)))
        {
            var name = StatusNames.FirstOrDefault(n => n.Equals(value, StringComparison.OrdinalIgnoreCase));
            if (name is null)
            {
                error = $"runtimeStatus must be a comma-separated list of {string.Join(", ", StatusNames)}.";
                return false;
            }

            statuses.Add(Enum.Parse<OrchestrationRuntimeStatus>(name));
        }

        if (!TryTime(query, "createdTimeFrom", out var from, ref error) || !TryTime(query, "createdTimeTo", out var to, ref error)
            || !TryFlag(query, "showInput", false, out var showInput, ref error))
        {
            return false;
        }

        var top = parsed.Top;
        var topText = query["top"].ToString();
        if (topText.Length > 0 && (!int.TryParse(topText, NumberStyles.None, CultureInfo.InvariantCulture, out top) || top < 1 || top > maxTop))
        {
            error = $"top must be an integer from 1 to {maxTop}.";
            return false;
        }

        parsed = new InstanceListQuery(statuses, from, to, top, showInput, string.IsNullOrEmpty(continuationHeader) ? null : continuationHeader);
        return true;
    }

    /// <summary>Reads an optional <c>true</c>/<c>false</c> parameter.</summary>
    public static bool TryFlag(IQueryCollection query, string name, bool absent, out bool value, ref string error)
    {
        var text = query[name].ToString();
        value = absent;
        if (text.Length == 0 || bool.TryParse(text, out value))
        {
            return true;
        }

        error = $"{name} must be true or false.";
        return false;
    }

    private static bool TryTime(IQueryCollection query, string name, out DateTimeOffset? value, ref string error)
    {
        value = null;
        var text = query[name].ToString();
        if (text.Length == 0)
        {
            return true;
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed))
        {
            value = parsed;
            return true;
        }

        error = $"{name} must be an ISO 8601 time, e.g. 2026-01-01T00:00:00Z.";
        return false;
    }
}
