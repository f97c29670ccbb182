using System.Net.Sockets;
using Azure;
using Azure.Identity;

namespace DriveSync.Pipeline.Storage;

/// <summary>
/// Whether the storage account answers and accepts the credentials: one cheap authenticated call per service (does a
/// container exist, does a queue exist, one page of one table), with one retry and a deadline, so that a wrong key or an
/// unreachable endpoint is reported in seconds with the setting to fix instead of failing every later call.
/// Used at start-up and by <c>/healthz/ready</c>.
/// </summary>
public sealed class StorageReadiness(StorageAccountClients clients, StorageOptions options)
{
    private const string ProbeQueue = "drivesync-readiness-probe";

    private readonly StorageAccountClients _probe = clients.ForProbe(options.ReadinessTimeout / 2);

    /// <summary>
    /// Probes blob, queue and table storage (the blob probe asks for <paramref name="container"/>); returns one message per
    /// failing service, each naming the setting to fix and never a secret. Empty when storage is ready.
    /// </summary>
    public async Task<IReadOnlyList<StorageProblem>> CheckAsync(string container, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(options.ReadinessTimeout);
        var problems = new List<StorageProblem>();
        await ProbeAsync(problems, "blob", _probe.Blobs.Uri, async ct => await _probe.Blobs.GetBlobContainerClient(container).ExistsAsync(ct), deadline.Token, cancellationToken);
        if (problems.Count > 0)
        {
            return problems; // one account, one credential: the blob verdict says it all
        }

        await ProbeAsync(problems, "queue", _probe.Queues.Uri, async ct => await _probe.Queues.GetQueueClient(ProbeQueue).ExistsAsync(ct), deadline.Token, cancellationToken);
        await ProbeAsync(problems, "table", _probe.Tables.Uri, async ct =>
        {
            await foreach (var _ in _probe.Tables.QueryAsync(maxPerPage: 1, cancellationToken: ct).AsPages().WithCancellation(ct))
            {
                break;
            }
        }, deadline.Token, cancellationToken);
        return problems;
    }

    private async Task ProbeAsync(
        List<StorageProblem> problems, string service, Uri endpoint, Func<CancellationToken, Task> call, CancellationToken deadline, CancellationToken caller)
    {
        try
        {
            await call(deadline);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !caller.IsCancellationRequested)
        {
            problems.Add(Unreachable(service, endpoint, $"no answer within {options.ReadinessTimeout.TotalSeconds:0} s"));
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !caller.IsCancellationRequested)
        {
            problems.Add(Describe(service, endpoint, exception));
        }
    }

    private StorageProblem Describe(string service, Uri endpoint, Exception exception)
    {
        var setting = clients.SettingFor(service);
        var where = Safe(endpoint);
        return exception switch
        {
            RequestFailedException { Status: 401 or 403 } e => new StorageProblem(StorageProblemKind.CredentialsRefused,
                $"{setting}: the {service} service at {where} refused the credentials ({e.Status} {e.ErrorCode}). "
                + (clients.UsesConnectionString
                    ? "Check the AccountKey or SharedAccessSignature of the connection string."
                    : $"Give the identity a Storage {Title(service)} Data Contributor role on the account.")),
            RequestFailedException { Status: 400 } e when e.Message.Contains("API version", StringComparison.OrdinalIgnoreCase) => new StorageProblem(
                StorageProblemKind.Refused,
                $"{setting}: the {service} service at {where} does not accept this client's API version; use Azurite 3.37 or later ('npm ci' installs it)."),
            RequestFailedException { Status: > 0 } e => new StorageProblem(StorageProblemKind.Refused,
                $"{setting}: the {service} service at {where} answered {e.Status}{(e.ErrorCode is null ? "" : " " + e.ErrorCode)}; is this a storage endpoint?"),
            AuthenticationFailedException or CredentialUnavailableException => new StorageProblem(StorageProblemKind.CredentialsRefused,
                $"{setting}: no Entra ID token could be had ({exception.GetType().Name}); run with a managed identity or 'az login', "
                + $"set {StorageOptions.SectionName}:ClientId for a user-assigned identity, or set {StorageOptions.SectionName}:ConnectionString."),
            _ => Unreachable(service, endpoint, Reason(exception)),
        };
    }

    private StorageProblem Unreachable(string service, Uri endpoint, string reason) => new(StorageProblemKind.Unreachable,
        $"{clients.SettingFor(service)}: the {service} endpoint {Safe(endpoint)} could not be reached ({reason}). "
        + "Is the storage account (or Azurite) running, and is the endpoint right?");

    private static string Reason(Exception exception)
    {
        for (var inner = exception; inner is not null; inner = inner.InnerException ?? (inner as AggregateException)?.InnerExceptions.FirstOrDefault())
        {
            if (inner is SocketException socket)
            {
                return socket.SocketErrorCode.ToString();
            }

            if (inner is TimeoutException or TaskCanceledException)
            {
                return "timed out";
            }
        }

        return exception.GetType().Name;
    }

    private static string Title(string service) => char.ToUpperInvariant(service[0]) + service[1..];

    /// <summary>The endpoint without its query (a SAS lives there).</summary>
    private static string Safe(Uri endpoint) => endpoint.GetLeftPart(UriPartial.Path);
}

/// <summary>What kind of storage problem a readiness check found.</summary>
public enum StorageProblemKind
{
    /// <summary>No answer, or no connection.</summary>
    Unreachable,

    /// <summary>The service answered 401/403, or no token could be had.</summary>
    CredentialsRefused,

    /// <summary>The service answered with another error.</summary>
    Refused,
}

/// <summary>One storage problem: its kind and a message naming the setting to fix (no secrets).</summary>
public sealed record StorageProblem(StorageProblemKind Kind, string Message);
