
namespace DriveSync.Telemetry;

/// <summary>Puts every registered logger provider behind <see cref="ScrubbingLoggerProvider"/>.</summary>
public static class LoggingBuilderScrubbingExtensions
{
    /// <summary>
    /// Replaces each <see cref="ILoggerProvider"/> registered so far, and not yet scrubbed, with a scrubbing wrapper around
    /// it that passes entries of <paramref name="minimum"/> and above (default: all). Call it after the last provider is
    /// added; a second call wraps only the providers added since, so a console limited to warnings stays limited while
    /// a telemetry provider added later gets everything.
    /// </summary>
    public static ILoggingBuilder ScrubAllProviders(this ILoggingBuilder logging, LogLevel minimum = LogLevel.Trace)
    {
        var services = logging.Services;
        var registrations = services
            .Where(d => d.ServiceType == typeof(ILoggerProvider) && !d.IsKeyedService && d.ImplementationFactory?.Target is not ScrubbedRegistration)
            .ToList();
        foreach (var registration in registrations)
        {
            services.Remove(registration);
            services.AddSingleton<ILoggerProvider>(new ScrubbedRegistration(registration, minimum).Create);
        }

        return logging;
    }

    /// <summary>A provider registration put behind the scrubber; its factory's target marks it as done.</summary>
    private sealed class ScrubbedRegistration(ServiceDescriptor registration, LogLevel minimum)
    {
        public ILoggerProvider Create(IServiceProvider services) => new ScrubbingLoggerProvider(
            (ILoggerProvider)(registration.ImplementationInstance
                ?? registration.ImplementationFactory?.Invoke(services)
                ?? ActivatorUtilities.CreateInstance(services, registration.ImplementationType!)),
            minimum);
    }
}
