using Azure;
using Azure.Core;
using Azure.Core.Pipeline;

namespace DriveSync.AzureStorage.Internal;

/// <summary>
/// Azure.Core's <see cref="HttpPipeline"/> (retry, redirect, logging, telemetry) plus the account's
/// authorization policy; sends storage requests and turns error responses into storage exceptions.
/// </summary>
internal sealed class StorageRestPipeline
{
    /// <summary>The Storage REST version every request asks for.</summary>
    public const string ApiVersion = "2021-12-02";

    private const string StorageScope = "https://storage.azure.com/.default";

    private readonly HttpPipeline _pipeline;

    public StorageRestPipeline(StorageConnection connection, StorageClientOptions options, TimeProvider timeProvider)
    {
        Options = options;
        var clientOptions = new PipelineOptions();
        clientOptions.Retry.Mode = RetryMode.Exponential;
        clientOptions.Retry.MaxRetries = options.MaxRetries;
        clientOptions.Retry.Delay = options.RetryDelay;
        clientOptions.Retry.MaxDelay = options.MaxRetryDelay;
        clientOptions.Retry.NetworkTimeout = options.NetworkTimeout;
        clientOptions.Diagnostics.ApplicationId = "DriveSync";
        foreach (var safe in new[] { "restype", "comp", "maxresults", "include", "numofmessages", "visibilitytimeout", "messagettl", "peekonly", "timeout" })
        {
            clientOptions.Diagnostics.LoggedQueryParameters.Add(safe);
        }

        foreach (var safe in new[] { "x-ms-request-id", "x-ms-error-code", "x-ms-version", "x-ms-lease-action", "x-ms-blob-type", "ETag" })
        {
            clientOptions.Diagnostics.LoggedHeaderNames.Add(safe);
        }

        HttpPipelinePolicy authorization = connection.CredentialKind switch
        {
            StorageCredentialKind.SharedKey => new SharedKeySigningPolicy(connection.AccountName, connection.AccountKey!, timeProvider),
            StorageCredentialKind.Token => new BearerTokenAuthenticationPolicy(connection.TokenCredential!, StorageScope),
            _ => new SasQueryPolicy(connection.SharedAccessSignature!),
        };
        if (connection.CredentialKind == StorageCredentialKind.Sas)
        {
            clientOptions.AddPolicy(authorization, HttpPipelinePosition.PerCall);
            _pipeline = HttpPipelineBuilder.Build(clientOptions);
        }
        else
        {
            _pipeline = HttpPipelineBuilder.Build(clientOptions, authorization);
        }
    }

    public StorageClientOptions Options { get; }

    public HttpMessage CreateMessage(RequestMethod method, Uri resource, params (string Name, string? Value)[] query)
    {
        var message = _pipeline.CreateMessage();
        message.Request.Method = method;
        message.Request.Uri.Reset(resource);
        foreach (var (name, value) in query)
        {
            if (value is not null)
            {
                message.Request.Uri.AppendQuery(name, value);
            }
        }

        message.Request.Headers.SetValue("x-ms-version", ApiVersion);
        return message;
    }

    /// <summary>Sends the message; a status of 300 or more becomes a storage exception unless <paramref name="allowed"/> lists it.</summary>
    public async Task<Response> SendAsync(HttpMessage message, string operation, CancellationToken cancellationToken, params int[] allowed)
    {
        await _pipeline.SendAsync(message, cancellationToken).ConfigureAwait(false);
        var response = message.Response;
        if (response.Status >= 300 && Array.IndexOf(allowed, response.Status) < 0)
        {
            var conditional = message.Request.Headers.Contains("If-None-Match") || message.Request.Headers.Contains("If-Match");
            throw StorageErrors.FromResponse(operation, response, conditional);
        }

        return response;
    }

    private sealed class PipelineOptions : ClientOptions;
}
