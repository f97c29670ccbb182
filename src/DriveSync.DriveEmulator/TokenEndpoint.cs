using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace DriveSync.DriveEmulator;

/// <summary>A grant the emulator's OAuth token endpoint answered.</summary>
/// <param name="GrantType">The <c>grant_type</c>.</param>
/// <param name="Issuer">The JWT assertion's <c>iss</c> (service accounts).</param>
/// <param name="Subject">The JWT assertion's <c>sub</c> (the impersonated user, domain-wide delegation).</param>
/// <param name="Scope">The requested scope.</param>
public sealed record EmulatorTokenGrant(string GrantType, string? Issuer, string? Subject, string? Scope);

/// <summary>
/// POST /token: an OAuth 2.0 token endpoint for the service-account (JWT bearer) and refresh-token grants, so that
/// real Google.Apis.Auth credentials can be exercised against the emulator. It issues the configured bearer token.
/// Assertion signatures are not verified.
/// </summary>
internal sealed class TokenEndpoint(EmulatorCounters counters, DriveEmulatorOptions options)
{
    private readonly Lock _gate = new();
    private readonly List<EmulatorTokenGrant> _grants = [];

    public IReadOnlyList<EmulatorTokenGrant> Grants
    {
        get
        {
            lock (_gate)
                return _grants.ToArray();
        }
    }

    public async Task HandleAsync(HttpContext context)
    {
        counters.Token();
        var form = context.Request.HasFormContentType ? await context.Request.ReadFormAsync(context.RequestAborted) : null;
        string? grantType = form?["grant_type"];
        EmulatorTokenGrant? grant = grantType switch
        {
            "urn:ietf:params:oauth:grant-type:jwt-bearer" when ReadAssertion(form!["assertion"]) is { } claims =>
                new EmulatorTokenGrant(grantType, Claim(claims, "iss"), Claim(claims, "sub"), Claim(claims, "scope")),
            "refresh_token" when !string.IsNullOrEmpty(form!["refresh_token"]) => new EmulatorTokenGrant(grantType, null, null, form["scope"]),
            _ => null,
        };
        if (grant is null)
        {
            await ApiResponses.WriteJsonAsync(context, 400, w =>
            {
                w.WriteStartObject();
                w.WriteString("error", "invalid_grant");
                w.WriteString("error_description", "Unsupported or malformed grant.");
                w.WriteEndObject();
            });
            return;
        }

        lock (_gate)
            _grants.Add(grant);
        await ApiResponses.WriteJsonAsync(context, 200, w =>
        {
            w.WriteStartObject();
            w.WriteString("access_token", options.BearerToken ?? "emulator-token");
            w.WriteString("token_type", "Bearer");
            w.WriteNumber("expires_in", 3600);
            w.WriteEndObject();
        });
    }

    private static JsonElement? ReadAssertion(string? jwt)
    {
        var parts = jwt?.Split('.');
        if (parts is not { Length: 3 })
            return null;
        try
        {
            var payload = parts[1].Replace('-', '+').Replace('_', '/');
            payload += new string('=', (4 - (payload.Length % 4)) % 4);
            using var json = JsonDocument.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(payload)));
            return json.RootElement.Clone();
        }
        catch (Exception e) when (e is FormatException or JsonException)
        {
            return null;
        }
    }

    private static string? Claim(JsonElement? claims, string name) =>
        claims is { ValueKind: JsonValueKind.Object } c && c.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;
}
