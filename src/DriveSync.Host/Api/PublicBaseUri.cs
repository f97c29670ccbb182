using System.Net;
using DriveSync.Host.Hosting;
using Microsoft.Extensions.Options;

namespace DriveSync.Host.Api;

/// <summary>
/// The scheme, host and path base the API's URLs start with, never taken from the request's <c>Host</c> header (which
/// any caller sets): <c>DriveSync:Serve:PublicBaseUrl</c> when set; else the <c>X-Forwarded-Proto</c>,
/// <c>X-Forwarded-Host</c> and <c>X-Forwarded-Prefix</c> of a proxy listed in <c>DriveSync:Serve:TrustedProxies</c>;
/// else the local address the connection arrived at.
/// </summary>
public sealed class PublicBaseUri(IOptions<ServeOptions> options)
{
    private readonly string? configured = string.IsNullOrEmpty(options.Value.PublicBaseUrl) ? null : options.Value.PublicBaseUrl.TrimEnd('/');
    private readonly HashSet<IPAddress> proxies = options.Value.TrustedProxies.Select(IPAddress.Parse).Select(Normalize).ToHashSet();

    /// <summary>The base URI (no trailing slash) for URLs handed out in answer to <paramref name="request"/>.</summary>
    public string For(HttpRequest request)
    {
        if (configured is not null)
        {
            return configured;
        }

        var connection = request.HttpContext.Connection;
        if (connection.RemoteIpAddress is { } remote && proxies.Contains(Normalize(remote)) && TryForwarded(request, out var forwarded))
        {
            return forwarded;
        }

        var local = connection.LocalIpAddress is { } address ? Normalize(address) : IPAddress.Loopback;
        var host = local.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{local}]" : local.ToString();
        return $"{request.Scheme}://{host}:{connection.LocalPort}{request.PathBase}";
    }

    private static bool TryForwarded(HttpRequest request, out string baseUri)
    {
        baseUri = string.Empty;
        var proto = Last(request.Headers["X-Forwarded-Proto"].ToString());
        var host = Last(request.Headers["X-Forwarded-Host"].ToString());
        var prefix = Last(request.Headers["X-Forwarded-Prefix"].ToString());
        if (proto is not ("http" or "https") || host.Length == 0)
        {
            return false;
        }

        if ((prefix.Length > 0 && !prefix.StartsWith('/')) || host.IndexOfAny(['/', '@', '?', '#', '\\']) >= 0
            || !Uri.TryCreate($"{proto}://{host}{prefix}", UriKind.Absolute, out var uri) || !string.IsNullOrEmpty(uri.Query) || !string.IsNullOrEmpty(uri.Fragment))
        {
            return false;
        }

        baseUri = uri.GetLeftPart(UriPartial.Path).TrimEnd('/');
        return true;
    }

    private static string Last(string header) => header.Split(',').Last().Trim();

    private static IPAddress Normalize(IPAddress address) => address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
}
