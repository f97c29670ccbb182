using System.Globalization;
using System.Net;
using DriveSync.Pipeline.Orchestration;
using DriveSync.Pipeline.State;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Http;
using Microsoft.DurableTask.Client;

namespace DriveSync.Functions.Triggers;

/// <summary>
/// <c>GET /api/runs/{id}/problems?skip=0&amp;top=100</c> (function key): the run's quarantined and failed files (sanitized
/// names, reasons), their total and their count per reason; 404 for a run the task hub does not know; 400 for a bad
/// <c>skip</c> or <c>top</c>.
/// </summary>
public sealed class RunProblemsFunction(RunProblemsReader problems)
{
    /// <summary>Problems per page when <c>top</c> is not given.</summary>
    public const int DefaultTop = 100;

    /// <summary>The most problems one page holds.</summary>
    public const int MaxTop = 1000;

    /// <summary>Answers one page of the run's problems.</summary>
    [Function(FunctionNames.GetRunProblems)]
    public async Task<HttpResponseData> RunAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "runs/{id}/problems")] HttpRequestData request,
        string id,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(client);
        if (!TryReadPaging(request, out var skip, out var top, out var error))
        {
            return await HttpProblem.WriteAsync(request, HttpStatusCode.BadRequest, "Invalid paging", error, cancellationToken);
        }

        if (!StatePaths.IsValidRunId(id) || await client.GetInstanceAsync(id, cancellationToken) is null)
        {
            return await HttpProblem.WriteAsync(request, HttpStatusCode.NotFound, "No such run", "The task hub has no run with this id.", cancellationToken);
        }

        var page = await problems.ReadAsync(id, skip, top, cancellationToken);
        return await HttpProblem.WriteJsonAsync(
            request,
            HttpStatusCode.OK,
            new { runId = id, skip, top, total = page.Total, byReason = page.ByReason, items = page.Items },
            "application/json; charset=utf-8",
            cancellationToken);
    }

    private static bool TryReadPaging(HttpRequestData request, out int skip, out int top, out string error)
    {
        error = string.Empty;
        skip = 0;
        top = DefaultTop;
        var query = request.Query;
        if (query["skip"] is { } skipText && (!int.TryParse(skipText, NumberStyles.None, CultureInfo.InvariantCulture, out skip) || skip < 0))
        {
            error = "\"skip\" must be a whole number, 0 or more.";
            return false;
        }

        if (query["top"] is { } topText && (!int.TryParse(topText, NumberStyles.None, CultureInfo.InvariantCulture, out top) || top is < 1 or > MaxTop))
        {
            error = $"\"top\" must be a whole number from 1 to {MaxTop}.";
            return false;
        }

        return true;
    }
}
