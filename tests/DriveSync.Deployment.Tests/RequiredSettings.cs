using System.Collections;
using System.Reflection;
using System.Text.RegularExpressions;

namespace DriveSync.Deployment.Tests;

/// <summary>
/// A requirement: at least one of <see cref="AnyOf"/> must be set. <see cref="Reason"/> says where it comes from.
/// </summary>
internal sealed record SettingRequirement(IReadOnlyList<string> AnyOf, string Reason)
{
    /// <summary>Whether one of the alternatives is among <paramref name="keys"/>.</summary>
    public bool IsMetBy(IEnumerable<SettingKey> keys)
    {
        var present = keys.Select(key => key.ConfigurationPath).ToHashSet(StringComparer.OrdinalIgnoreCase);
        return AnyOf.Any(alternative => present.Contains(SettingKey.Parse(alternative).ConfigurationPath));
    }

    /// <inheritdoc />
    public override string ToString() => $"{string.Join(" or ", AnyOf)} ({Reason})";
}

/// <summary>
/// Which settings must be present, derived from the code rather than kept by hand:
/// <list type="number">
/// <item>Each options class of the <see cref="OptionsCatalog"/> is created with its defaults and its own
/// <c>Validate</c> method is run. Every message it returns is a setting the defaults cannot satisfy, i.e. one that
/// must be configured; the <c>DriveSync:…</c> settings the message names are the alternatives (e.g.
/// "ConnectionString or BlobServiceUri must be set").</item>
/// <item>Every <c>%NAME%</c> in the Functions app's generated <c>functions.metadata</c> or in <c>host.json</c>: the
/// Functions host resolves it from app settings, and a binding or extension naming a missing setting does not start.</item>
/// <item>A short explicit list of what the Azure deployment needs beyond that, each with its reason
/// (<see cref="AzureDeployment"/>).</item>
/// </list>
/// </summary>
internal static class RequiredSettings
{
    private static readonly Regex SettingInMessage = new(@"DriveSync(?::[A-Za-z0-9_]+)+", RegexOptions.CultureInvariant);
    private static readonly Regex AppSettingToken = new("%([A-Za-z0-9_:]+)%", RegexOptions.CultureInvariant);

    /// <summary>
    /// Arguments for <c>Validate</c> methods that take parameters, keyed by options type name, with the reason.
    /// Optional parameters not listed here get their declared defaults (e.g. <c>ServeOptions.Validate(customHandlerPort)</c>:
    /// the port comes from the Functions host, not from app settings); a required parameter not listed here fails the tests.
    /// </summary>
    private static readonly Dictionary<string, (object?[] Arguments, string Reason)> ValidateArguments = new(StringComparer.Ordinal)
    {
        ["ApiOptions"] = ([false], "keysRequired: false — `drivesync serve`'s API keys are not used on Azure; the Functions host checks function keys"),
    };

    /// <summary>What the Azure deployment (infra/main.bicep) must set beyond what the options' defaults demand.</summary>
    public static IReadOnlyList<SettingRequirement> AzureDeployment { get; } =
    [
        new(["DriveSync:Storage:BlobServiceUri"], "the storage account disallows shared keys; the app reaches it with its managed identity through the service endpoints"),
        new(["DriveSync:Storage:QueueServiceUri"], "StorageOptions requires it whenever BlobServiceUri is used"),
        new(["DriveSync:Drive:ServiceAccountJson"], "the Google key comes from Key Vault as inline JSON; there is no key file on the app's disk"),
        new(["DriveSync:Sanitizer:PseudonymKey"], "issue 7: the pseudonym key lives in Key Vault so Pseudonym mode works without a redeploy"),
        new(["FUNCTIONS_WORKER_RUNTIME"], "Elastic Premium: the Functions host starts the .NET isolated worker when it is 'dotnet-isolated' (Flex Consumption takes it from functionAppConfig.runtime)"),
        new(["FUNCTIONS_EXTENSION_VERSION"], "Elastic Premium: pins the Functions runtime to ~4"),
        new(["AzureWebJobsStorage__accountName"], "the Functions host's own storage (Durable task hub, timer, keys) over managed identity"),
        new(["AzureWebJobsStorage__credential"], "identity-based AzureWebJobsStorage"),
        new(["AzureWebJobsStorage__clientId"], "identity-based AzureWebJobsStorage with the user-assigned identity"),
        new(["AZURE_CLIENT_ID"], "DefaultAzureCredential picks the user-assigned identity by this variable"),
        new(["WEBSITE_RUN_FROM_PACKAGE"], "Elastic Premium: the app runs from the package blob (no Azure Files content share without shared keys)"),
        new(["WEBSITE_RUN_FROM_PACKAGE_BLOB_MI_RESOURCE_ID"], "Elastic Premium: the package blob is read with the user-assigned identity"),
        new(["APPLICATIONINSIGHTS_CONNECTION_STRING"], "telemetry and the alerts depend on it"),
    ];

    /// <summary>What every options class demands when left at its defaults.</summary>
    public static IReadOnlyList<SettingRequirement> FromOptionsDefaults(OptionsCatalog catalog) =>
        FromSections(catalog.Sections, catalog);

    /// <summary>What the given sections' options classes demand when left at their defaults; names are checked against <paramref name="catalog"/>.</summary>
    public static IReadOnlyList<SettingRequirement> FromSections(IEnumerable<OptionsSection> sections, OptionsCatalog catalog)
    {
        var requirements = new List<SettingRequirement>();
        foreach (var section in sections)
        {
            foreach (var message in ValidateDefaults(section.OptionsType))
            {
                var named = SettingInMessage.Matches(message)
                    .Select(match => match.Value)
                    .Where(setting => catalog.IsKnown(SettingKey.Parse(setting)))
                    .Distinct(StringComparer.OrdinalIgnoreCase)
                    .ToList();
                if (named.Count == 0)
                {
                    throw new InvalidOperationException($"{section.OptionsType.Name}'s defaults fail validation with a message that names no known setting: {message}");
                }

                requirements.Add(new SettingRequirement(named.Select(ToEnvironmentForm).ToList(), $"{section.OptionsType.Name}.Validate() on defaults"));
            }
        }

        return requirements;
    }

    /// <summary>Every <c>%NAME%</c> app-setting token in the given files (<c>functions.metadata</c>, <c>host.json</c>), in environment form.</summary>
    public static IReadOnlyList<SettingRequirement> FromAppSettingTokens(params string[] paths) =>
        paths
            .SelectMany(path => AppSettingToken.Matches(File.ReadAllText(path)).Select(match => (Name: ToEnvironmentForm(match.Groups[1].Value), File: Path.GetFileName(path))))
            .GroupBy(token => token.Name, StringComparer.OrdinalIgnoreCase)
            .Select(group => new SettingRequirement([group.Key], $"%{group.Key}% in {string.Join(", ", group.Select(token => token.File).Distinct())}"))
            .ToList();

    /// <summary><c>DriveSync:Drive:FolderId</c> → <c>DriveSync__Drive__FolderId</c>.</summary>
    public static string ToEnvironmentForm(string configurationKey) => configurationKey.Replace(":", "__", StringComparison.Ordinal);

    private static IEnumerable<string> ValidateDefaults(Type optionsType)
    {
        var validate = optionsType.GetMethods(BindingFlags.Public | BindingFlags.Instance)
            .Where(method => method.Name == "Validate" && typeof(IEnumerable<string>).IsAssignableFrom(method.ReturnType))
            .OrderBy(method => method.GetParameters().Length)
            .FirstOrDefault();
        if (validate is null)
        {
            return [];
        }

        var parameters = validate.GetParameters();
        object?[]? arguments = null;
        if (ValidateArguments.TryGetValue(optionsType.Name, out var known))
        {
            arguments = known.Arguments;
        }
        else if (parameters.All(parameter => parameter.HasDefaultValue))
        {
            arguments = parameters.Length == 0 ? null : parameters.Select(parameter => parameter.DefaultValue).ToArray();
        }
        else
        {
            throw new InvalidOperationException(
                $"{optionsType.Name}.Validate takes parameters without defaults; add the values the Azure deployment implies to RequiredSettings.ValidateArguments.");
        }

        var options = Activator.CreateInstance(optionsType)!;
        var result = (IEnumerable)validate.Invoke(options, arguments)!;
        return result.Cast<string>().ToList();
    }
}
