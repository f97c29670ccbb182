using Azure.Core;
using Azure.Core.Pipeline;

namespace DriveSync.AzureStorage.Internal;

/// <summary>Appends the shared access signature's query parameters to each request URL (once per call, not per retry).</summary>
internal sealed class SasQueryPolicy(string sharedAccessSignature) : HttpPipelineSynchronousPolicy
{
    private readonly (string Name, string Value)[] _parameters = sharedAccessSignature
        .Split('&', StringSplitOptions.RemoveEmptyEntries)
        .Select(pair => pair.Split('=', 2))
        .Select(pair => (pair[0], pair.Length > 1 ? pair[1] : string.Empty))
        .ToArray();

    public override void OnSendingRequest(HttpMessage message)
    {
        foreach (var (name, value) in _parameters)
        {
            message.Request.Uri.AppendQuery(name, value, escapeValue: false);
        }
    }
}
