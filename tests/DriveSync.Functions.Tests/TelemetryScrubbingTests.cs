using DriveSync.Functions.Hosting;
using DriveSync.Telemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Logs;

namespace DriveSync.Functions.Tests;

/// <summary>
/// The Functions app's telemetry: what reaches the OpenTelemetry exporters (Application Insights, OTLP) has passed the
/// PII scrubber — messages, structured values, scopes and exception messages.
/// </summary>
public sealed class TelemetryScrubbingTests
{
    private const string Ssn = "078-05-1120";
    private const string Email = "jane.canary@example.com";

    [Fact]
    public void AddDriveSyncOpenTelemetry_LogWithPii_ExportedScrubbed()
    {
        var exported = new List<LogRecord>();
        using (var services = BuildServices(exported))
        {
            var logger = services.GetRequiredService<ILogger<TelemetryScrubbingTests>>();
            using (logger.BeginScope(new Dictionary<string, object?> { ["File"] = $"notice {Email}" }))
            {
                logger.LogError(new InvalidOperationException($"Cannot parse {Ssn}"), "Skipped file {FileName} of {Owner}", $"Jane {Ssn}.pdf", Email);
            }
        }

        var record = Assert.Single(exported, r => r.CategoryName == typeof(TelemetryScrubbingTests).FullName);
        var texts = new List<string?> { record.FormattedMessage, record.Exception?.Message, record.Exception?.ToString() };
        texts.AddRange(record.Attributes!.Select(a => Convert.ToString(a.Value, System.Globalization.CultureInfo.InvariantCulture)));
        record.ForEachScope((scope, list) => list.AddRange(scope.Scope is null ? [] : [scope.Scope.ToString()]), texts);
        var all = string.Join("\n", texts);
        Assert.DoesNotContain(Ssn, all, StringComparison.Ordinal);
        Assert.DoesNotContain(Email, all, StringComparison.Ordinal);
        Assert.Contains("Skipped file", all, StringComparison.Ordinal);
        Assert.Contains(nameof(InvalidOperationException), record.Exception!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void AddDriveSyncOpenTelemetry_EveryLoggerProvider_BehindTheScrubber()
    {
        using var services = BuildServices([]);

        var providers = services.GetServices<ILoggerProvider>().ToList();

        Assert.NotEmpty(providers);
        Assert.All(providers, provider => Assert.IsType<ScrubbingLoggerProvider>(provider));
    }

    [Fact]
    public void UrlScrubbingProcessor_QueryAndPiiInPath_Removed()
    {
        var scrubbed = UrlScrubbingProcessor.Scrub($"https://st.blob.core.windows.net/out/{Email}.txt?sv=2024&sig=SECRET");

        Assert.DoesNotContain("SECRET", scrubbed, StringComparison.Ordinal);
        Assert.DoesNotContain(Email, scrubbed, StringComparison.Ordinal);
        Assert.StartsWith("https://st.blob.core.windows.net/out/", scrubbed, StringComparison.Ordinal);
    }

    private static ServiceProvider BuildServices(List<LogRecord> exported)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            [TelemetryOptions.OtlpEndpointKey] = "http://127.0.0.1:9",
        }).Build();
        var services = new ServiceCollection().AddLogging();
        services.ConfigureOpenTelemetryLoggerProvider(logging => logging.AddInMemoryExporter(exported));
        services.AddDriveSyncOpenTelemetry(configuration, FunctionsHosting.ServiceName);
        return services.BuildServiceProvider();
    }
}
