
namespace DriveSync.Telemetry;

/// <summary>Puts every registered logger provider behind <see cref="ScrubbingLoggerProvider"/>.</summary>
public static class LoggingBuilderScrubbingExtensions
{
    /// <summary>
    /// Replaces each <see cref="ILoggerProvider"/> registered so far with a scrubbing wrapper around it. Call it after
    /// the last provider is added.
    /// </summary>
    public static ILoggingBuilder ScrubAllProviders(this ILoggingBuilder logging)
    {
        var services = logging.Services;
        var registrations = services.Where(d => d.ServiceType == typeof(ILoggerProvider) && !d.IsKeyedService).ToList();
        foreach (var registration in registrations)
        {
            services.Remove(registration);
            services.AddSingleton<ILoggerProvider>(sp => new ScrubbingLoggerProvider(Create(sp, registration)));
        }

        return logging;
    }

    private static ILoggerProvider Create(IServiceProvider services, ServiceDescriptor registration) =>
        (ILoggerProvider)(registration.ImplementationInstance
            ?? registration.ImplementationFactory?.Invoke(services)
            ?? ActivatorUtilities.CreateInstance(services, registration.ImplementationType!));
}
