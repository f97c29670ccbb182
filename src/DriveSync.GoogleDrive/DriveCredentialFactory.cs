using Google.Apis.Auth.OAuth2;
using Google.Apis.Auth.OAuth2.Flows;
using Google.Apis.Auth.OAuth2.Responses;
using Google.Apis.Http;
using Google.Apis.Json;
using Newtonsoft.Json;

namespace DriveSync.GoogleDrive;

/// <summary>Builds the Google.Apis.Auth credential selected by <see cref="DriveOptions"/>.</summary>
public static class DriveCredentialFactory
{
    /// <summary>
    /// Creates the credential: a service account (key file or inline JSON, optional domain-wide delegation subject; its
    /// <c>token_uri</c> is honoured), an OAuth user refresh token, or a static bearer token.
    /// </summary>
    /// <exception cref="DriveCredentialException">No usable credential is configured; the message names the setting, never key material.</exception>
    public static IConfigurableHttpClientInitializer Create(DriveOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!string.IsNullOrWhiteSpace(options.BearerToken))
            return GoogleCredential.FromAccessToken(options.BearerToken.Trim());
        if (!string.IsNullOrWhiteSpace(options.ServiceAccountJsonPath) || !string.IsNullOrWhiteSpace(options.ServiceAccountJson))
            return CreateServiceAccount(options);
        if (!string.IsNullOrWhiteSpace(options.OAuthRefreshToken))
            return CreateUserCredential(options);
        throw new DriveCredentialException("No Drive credential is configured (DriveSync:Drive:ServiceAccountJsonPath, ServiceAccountJson, OAuth* or BearerToken).");
    }

    private static ServiceAccountCredential CreateServiceAccount(DriveOptions options)
    {
        string json;
        if (!string.IsNullOrWhiteSpace(options.ServiceAccountJsonPath))
        {
            try
            {
                json = File.ReadAllText(options.ServiceAccountJsonPath);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new DriveCredentialException($"The service-account key file named by DriveSync:Drive:ServiceAccountJsonPath cannot be read ({e.GetType().Name}).");
            }
        }
        else
        {
            json = options.ServiceAccountJson!;
        }

        JsonCredentialParameters? parameters;
        try
        {
            parameters = NewtonsoftJsonSerializer.Instance.Deserialize<JsonCredentialParameters>(json);
        }
        catch (JsonException)
        {
            // The parser's message may quote the key text, so it is not passed on.
            throw new DriveCredentialException("The Drive service-account key is not valid JSON (DriveSync:Drive:ServiceAccountJson/ServiceAccountJsonPath).");
        }

        if (parameters is null || parameters.Type != JsonCredentialParameters.ServiceAccountCredentialType
            || string.IsNullOrWhiteSpace(parameters.ClientEmail) || string.IsNullOrWhiteSpace(parameters.PrivateKey))
        {
            throw new DriveCredentialException("The Drive service-account key must be of type \"service_account\" with client_email and private_key (DriveSync:Drive:ServiceAccountJson/ServiceAccountJsonPath).");
        }

        var initializer = new ServiceAccountCredential.Initializer(parameters.ClientEmail, parameters.TokenUri ?? GoogleAuthConsts.OidcTokenUrl)
        {
            ProjectId = parameters.ProjectId,
            KeyId = parameters.PrivateKeyId,
            Scopes = [options.Scope],
            User = string.IsNullOrWhiteSpace(options.ImpersonateSubject) ? null : options.ImpersonateSubject,
        };
        try
        {
            return new ServiceAccountCredential(initializer.FromPrivateKey(parameters.PrivateKey));
        }
        catch (Exception e) when (e is ArgumentException or FormatException or System.Security.Cryptography.CryptographicException)
        {
            throw new DriveCredentialException($"The Drive service-account private_key cannot be read ({e.GetType().Name}).");
        }
    }

    private static UserCredential CreateUserCredential(DriveOptions options)
    {
        var initializer = new AuthorizationCodeFlow.Initializer(GoogleAuthConsts.OidcAuthorizationUrl, options.OAuthTokenUri.ToString())
        {
            ClientSecrets = new ClientSecrets { ClientId = options.OAuthClientId, ClientSecret = options.OAuthClientSecret },
            Scopes = [options.Scope],
        };
        var flow = new AuthorizationCodeFlow(initializer);
        return new UserCredential(flow, "drivesync", new TokenResponse { RefreshToken = options.OAuthRefreshToken });
    }
}
