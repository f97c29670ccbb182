
namespace DriveSync.Host.Hosting;

/// <summary>Builds the <c>serve</c> web application from a finished configuration (the command and the tests both use it).</summary>
public static class ServeApplication
{
    /// <summary>
    /// Builds the app: <see cref="HostingExtensions.AddDriveSyncHost"/>, then <paramref name="configureServices"/> (tests
    /// swap a clock or a telemetry channel there), then <see cref="HostingExtensions.MapDriveSyncApi"/>.
    /// </summary>
    public static WebApplication Build(IConfiguration configuration, Action<IServiceCollection>? configureServices = null)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.AddConfiguration(configuration);
        builder.AddDriveSyncHost();
        configureServices?.Invoke(builder.Services);
        var app = builder.Build();
        app.MapDriveSyncApi();
        return app;
    }
}
