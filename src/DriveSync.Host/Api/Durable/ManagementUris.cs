namespace DriveSync.Host.Api.Durable;

/// <summary>
/// The management URLs of one instance, as Durable Functions' <c>CreateCheckStatusResponse</c> gives them (without a
/// key: callers add their own <c>code</c> or <c>x-functions-key</c>).
/// </summary>
public sealed record ManagementUris(string Id, string StatusQueryGetUri, string SendEventPostUri, string TerminatePostUri, string PurgeHistoryDeleteUri)
{
    /// <summary>The path prefix of Durable Functions' instance API.</summary>
    public const string InstancesPath = "/runtime/webhooks/durabletask/instances";

    /// <summary>The URLs of instance <paramref name="id"/> under <paramref name="baseUri"/> (scheme, host and path base).</summary>
    public static ManagementUris For(string baseUri, string id)
    {
        var instance = $"{baseUri.TrimEnd('/')}{InstancesPath}/{Uri.EscapeDataString(id)}";
        return new ManagementUris(id, instance, instance + "/raiseEvent/{eventName}", instance + "/terminate?reason={text}", instance);
    }
}
