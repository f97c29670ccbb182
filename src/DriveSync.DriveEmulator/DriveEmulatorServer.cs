using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace DriveSync.DriveEmulator;

/// <summary>
/// A local Google Drive v3 API on 127.0.0.1 (ASP.NET Core Kestrel): the Drive test double and the source of demo
/// runs. Serves <c>drive/v3/files</c> (list, get, alt=media with Range, export, update, copy with OCR conversion, delete) and <c>drive/v3/changes</c>,
/// an OAuth <c>/token</c> endpoint, a bearer-token check, settable faults and quota, and request counters.
/// </summary>
public sealed class DriveEmulatorServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly TokenEndpoint _tokens;

    private DriveEmulatorServer(WebApplication app, Uri baseUri, EmulatorStore store, EmulatorFaults faults, EmulatorCounters counters, TokenEndpoint tokens)
    {
        _app = app;
        BaseUri = baseUri;
        Store = store;
        Faults = faults;
        Counters = counters;
        _tokens = tokens;
    }

    /// <summary>Root URI, e.g. <c>http://127.0.0.1:5123/</c>: set it as <c>DriveSync:Drive:BaseUri</c>.</summary>
    public Uri BaseUri { get; }

    /// <summary>The OAuth token endpoint: the <c>token_uri</c> of a test service-account key or <c>DriveSync:Drive:OAuthTokenUri</c>.</summary>
    public Uri TokenUri => new(BaseUri, "token");

    /// <summary>The Drive's content, mutable while serving.</summary>
    public EmulatorStore Store { get; }

    /// <summary>Faults and quota, settable while serving.</summary>
    public EmulatorFaults Faults { get; }

    /// <summary>Request counters.</summary>
    public EmulatorCounters Counters { get; }

    /// <summary>Grants answered by the token endpoint.</summary>
    public IReadOnlyList<EmulatorTokenGrant> TokenGrants => _tokens.Grants;

    /// <summary>Starts the emulator (loading <see cref="DriveEmulatorOptions.RootDirectory"/> if set) and returns once it listens.</summary>
    /// <exception cref="ArgumentException">The options are invalid; the message names each bad setting.</exception>
    public static async Task<DriveEmulatorServer> StartAsync(DriveEmulatorOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = options.Validate();
        if (errors.Count > 0)
            throw new ArgumentException("Invalid Drive emulator options: " + string.Join(" ", errors), nameof(options));
        var store = new EmulatorStore(options.TimeProvider);
        if (options.RootDirectory is { } root)
            store.LoadDirectory(root);
        var faults = new EmulatorFaults(options.Seed);
        var counters = new EmulatorCounters();
        var tokens = new TokenEndpoint(counters, options);
        var endpoints = new DriveApiEndpoints(store, counters, faults, options);
        var middleware = new FaultInjectionMiddleware(faults, counters, options);

        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrelCore().ConfigureKestrel(k => k.Listen(IPAddress.Loopback, options.Port));
        builder.Services.AddRoutingCore();
        builder.Services.AddSingleton<IHostLifetime, EmbeddedHostLifetime>();
        var app = builder.Build();
        app.UseRouting();
        app.UseWhen(
            c => c.Request.Path.StartsWithSegments("/drive/v3", StringComparison.Ordinal),
            branch => branch.Use((context, next) => middleware.InvokeAsync(context, next)));
        app.MapPost("/token", tokens.HandleAsync);
        app.MapGet("/drive/v3/files", endpoints.ListAsync);
        app.MapPost("/drive/v3/files", endpoints.OverriddenListAsync);
        app.MapGet("/drive/v3/files/{id}", endpoints.GetAsync);
        app.MapGet("/drive/v3/files/{id}/export", endpoints.ExportAsync);
        app.MapMethods("/drive/v3/files/{id}", [HttpMethods.Patch], endpoints.UpdateAsync);
        app.MapDelete("/drive/v3/files/{id}", endpoints.DeleteAsync);
        app.MapPost("/drive/v3/files/{id}/copy", endpoints.CopyAsync);
        app.MapGet("/drive/v3/changes/startPageToken", endpoints.StartPageTokenAsync);
        app.MapGet("/drive/v3/changes", endpoints.ChangesAsync);
        app.MapFallback(context => ApiResponses.ErrorAsync(context, 404, "notFound", "Not Found"));

        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var port = new Uri(address).Port;
        return new DriveEmulatorServer(app, new Uri($"http://127.0.0.1:{port}/"), store, faults, counters, tokens);
    }

    /// <summary>Stops listening.</summary>
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
