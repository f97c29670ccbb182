using System.Net;
using DriveSync.Pipeline.Orchestration;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Http;
using Microsoft.DurableTask.Client;

namespace DriveSync.Functions.Triggers;

/// <summary>
/// <c>POST /api/runs</c> (function key): starts the folder's run and answers as Durable Functions does — 202 with the
/// instance's management URLs (<c>statusQueryGetUri</c>, <c>terminatePostUri</c>, <c>purgeHistoryDeleteUri</c>, …) and a
/// Location header; 409 with the same payload for the run already in progress; 400 for a malformed body, 413 for one over
/// <see cref="StartRunBody.MaxBytes"/> (never read further).
/// </summary>
public sealed class StartRunFunction(SyncRunStarter starter)
{
    /// <summary>The trigger tag of runs started over HTTP.</summary>
    public const string HttpTrigger = "http";

    /// <summary>Starts the run.</summary>
    [Function(FunctionNames.StartRun)]
    public async Task<HttpResponseData> RunAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "runs")] HttpRequestData request,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var body = new byte[StartRunBody.MaxBytes + 1];
        var length = await request.Body.ReadAtLeastAsync(body, body.Length, throwOnEndOfStream: false, cancellationToken);
        if (length > StartRunBody.MaxBytes)
        {
            return await HttpProblem.WriteAsync(request, HttpStatusCode.RequestEntityTooLarge, "Request body too large",
                $"The body is limited to {StartRunBody.MaxBytes} bytes.", cancellationToken);
        }

        var (run, problem) = StartRunBody.Read(body.AsSpan(0, length), HttpTrigger);
        if (problem is not null)
        {
            return await HttpProblem.WriteAsync(request, HttpStatusCode.BadRequest, problem.Title, problem.Detail, cancellationToken);
        }

        var start = await starter.StartAsync(client, run!, cancellationToken);
        return await client.CreateCheckStatusResponseAsync(
            request, start.InstanceId, start.Created ? HttpStatusCode.Accepted : HttpStatusCode.Conflict, cancellationToken);
    }
}
