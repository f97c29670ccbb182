namespace DriveSync.Deployment.Tests;

/// <summary>
/// Settings outside the app's <c>DriveSync</c> section that may appear in app settings: the documented Azure
/// Functions / App Service / Azure SDK variables, plus the variables the app's options read by their platform
/// name (<see cref="OptionsCatalog.PlatformKeys"/>).
/// </summary>
internal static class PlatformSettings
{
    /// <summary>Exact names (Functions host, Application Insights, Azure.Identity).</summary>
    public static IReadOnlyList<string> Names { get; } =
    [
        "FUNCTIONS_WORKER_RUNTIME",
        "FUNCTIONS_EXTENSION_VERSION",
        "AzureWebJobsStorage",
        "AzureWebJobsSecretStorageType",
        "APPLICATIONINSIGHTS_CONNECTION_STRING",
        "APPLICATIONINSIGHTS_AUTHENTICATION_STRING",
        "AZURE_CLIENT_ID",
    ];

    /// <summary>Prefixes of documented families: App Service (<c>WEBSITE_</c>), identity-based host storage, host.json overrides, OpenTelemetry exporter variables.</summary>
    public static IReadOnlyList<string> Prefixes { get; } =
    [
        "WEBSITE_",
        "AzureWebJobsStorage__",
        "AzureFunctionsJobHost__",
        "OTEL_",
    ];

    /// <summary>Whether <paramref name="name"/> is an allowed non-DriveSync setting.</summary>
    public static bool IsAllowed(string name, OptionsCatalog catalog) =>
        Names.Contains(name, StringComparer.OrdinalIgnoreCase)
        || catalog.PlatformKeys.Contains(name, StringComparer.OrdinalIgnoreCase)
        || Prefixes.Any(prefix => name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase));
}
