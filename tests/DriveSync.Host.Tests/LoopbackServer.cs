using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;

namespace DriveSync.Host.Tests;

/// <summary>A bare Kestrel server on a free loopback port for the stand-in endpoints of tests; the caller maps its routes.</summary>
public sealed class LoopbackServer : IAsyncDisposable
{
    private readonly WebApplication app;

    private LoopbackServer(WebApplication app, string address) => (this.app, Address) = (app, address);

    /// <summary>The server's base address, <c>http://127.0.0.1:port</c> (no trailing slash).</summary>
    public string Address { get; }

    /// <summary>Starts a server whose routes <paramref name="map"/> sets up.</summary>
    public static async Task<LoopbackServer> StartAsync(Action<WebApplication> map, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(map);
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().UseUrls("http://127.0.0.1:0");
        builder.Services.AddRoutingCore();
        var app = builder.Build();
        map(app);
        await app.StartAsync(cancellationToken);
        return new LoopbackServer(app, AddressOf(app));
    }

    /// <summary>The first address a started <paramref name="app"/> listens on, without a trailing slash.</summary>
    public static string AddressOf(WebApplication app) =>
        app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First().TrimEnd('/');

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
