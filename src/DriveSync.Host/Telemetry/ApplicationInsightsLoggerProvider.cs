using DriveSync.Telemetry;
using Microsoft.ApplicationInsights;
using Microsoft.ApplicationInsights.DataContracts;

namespace DriveSync.Host.Telemetry;

/// <summary>
/// Sends log entries to Application Insights as traces (exceptions as exception telemetry), with the structured
/// values and the scope values (e.g. <c>RunId</c>) as custom properties. Registered behind <see cref="ScrubbingLoggerProvider"/>, which also scrubs the scope values.
/// </summary>
public sealed class ApplicationInsightsLoggerProvider(TelemetryClient client) : ILoggerProvider, ISupportExternalScope
{
    private readonly TelemetryClient client = client;
    private IExternalScopeProvider scopes = new LoggerExternalScopeProvider();

    /// <inheritdoc />
    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    /// <inheritdoc />
    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => scopes = scopeProvider;

    /// <inheritdoc />
    public void Dispose()
    {
    }

    private sealed class Logger(ApplicationInsightsLoggerProvider provider, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => provider.scopes.Push(state);

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var properties = new Dictionary<string, string>
            {
                ["CategoryName"] = category,
                ["EventId"] = eventId.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            };
            provider.scopes.ForEachScope((scope, props) => AddValues(scope, props), properties);
            AddValues(state, properties);
            var message = formatter(state, exception);
            if (exception is not null)
            {
                var telemetry = new ExceptionTelemetry(exception) { Message = message, SeverityLevel = Severity(logLevel) };
                foreach (var (key, value) in properties)
                {
                    telemetry.Properties[key] = value;
                }

                provider.client.TrackException(telemetry);
                return;
            }

            provider.client.TrackTrace(message, Severity(logLevel), properties);
        }

        private static void AddValues(object? values, Dictionary<string, string> properties)
        {
            if (values is not IEnumerable<KeyValuePair<string, object?>> pairs)
            {
                return;
            }

            foreach (var (key, value) in pairs)
            {
                if (key != "{OriginalFormat}" && value is not null)
                {
                    properties[key] = Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty;
                }
            }
        }

        private static SeverityLevel Severity(LogLevel level) => level switch
        {
            LogLevel.Trace or LogLevel.Debug => SeverityLevel.Verbose,
            LogLevel.Information => SeverityLevel.Information,
            LogLevel.Warning => SeverityLevel.Warning,
            LogLevel.Error => SeverityLevel.Error,
            _ => SeverityLevel.Critical,
        };
    }
}
