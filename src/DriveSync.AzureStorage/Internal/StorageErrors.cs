using System.Xml.Linq;
using Azure;

namespace DriveSync.AzureStorage.Internal;

/// <summary>Turns an error response into the matching <see cref="StorageRequestException"/> subtype.</summary>
internal static class StorageErrors
{
    public static StorageRequestException FromResponse(string operation, Response response, bool conditional)
    {
        response.Headers.TryGetValue("x-ms-request-id", out var requestId);
        response.Headers.TryGetValue("x-ms-error-code", out var code);
        var serverMessage = ReadBody(response, ref code);
        var message = $"{operation} failed: {response.Status} {code ?? response.ReasonPhrase} (request id {requestId ?? "none"}).";
        if (serverMessage is not null)
        {
            message += " " + SecretScrubber.Scrub(serverMessage);
        }

        return Create(message, response.Status, code, requestId, conditional);
    }

    internal static StorageRequestException Create(string message, int status, string? code, string? requestId, bool conditional)
    {
        if (code is not null && code.StartsWith("Lease", StringComparison.Ordinal))
        {
            return new StorageLeaseConflictException(message, status, code, requestId);
        }

        return status switch
        {
            304 or 412 => new StoragePreconditionFailedException(message, status, code, requestId),
            409 when conditional && code == "BlobAlreadyExists" => new StoragePreconditionFailedException(message, status, code, requestId),
            400 when code == "PopReceiptMismatch" => new StoragePreconditionFailedException(message, status, code, requestId),
            404 => new StorageNotFoundException(message, status, code, requestId),
            429 or 503 => new StorageThrottledException(message, status, code, requestId),
            500 when code == "OperationTimedOut" => new StorageThrottledException(message, status, code, requestId),
            _ => new StorageRequestException(message, status, code, requestId),
        };
    }

    private static string? ReadBody(Response response, ref string? code)
    {
        if (response.ContentStream is null || !response.ContentStream.CanSeek || response.ContentStream.Length == 0)
        {
            return null;
        }

        try
        {
            var error = XDocument.Load(response.ContentStream).Root;
            code ??= error?.Element("Code")?.Value;
            var text = error?.Element("Message")?.Value;
            return text?.Split('\n', 2)[0].Trim();
        }
        catch (System.Xml.XmlException)
        {
            return null;
        }
    }
}
