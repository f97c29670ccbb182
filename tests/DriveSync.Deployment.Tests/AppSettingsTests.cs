namespace DriveSync.Deployment.Tests;

/// <summary>
/// Keeps infra/main.bicep and local.settings.sample.json honest against the code: every setting the app requires
/// is present, and every setting present is one the app (or the platform) reads.
/// </summary>
public sealed class AppSettingsTests
{
    private static readonly OptionsCatalog Catalog = OptionsCatalog.App;

    /// <summary>The settings of an Elastic Premium deployment: the shared ones and the premium-only ones (a Flex Consumption deployment gets the shared ones).</summary>
    private static IReadOnlyList<BicepAppSetting> BicepSettings()
    {
        var bicep = File.ReadAllText(RepositoryFiles.MainBicep);
        return [.. BicepAppSettings.Parse(bicep), .. BicepAppSettings.Parse(bicep, BicepAppSettings.PremiumArray)];
    }

    private static IReadOnlyList<SettingKey> BicepKeys() =>
        BicepSettings().Select(setting => SettingKey.Parse(setting.Name)).ToList();

    private static IReadOnlyList<SettingKey> LocalKeys() =>
        LocalSettingsSample.ReadValues(File.ReadAllText(RepositoryFiles.LocalSettingsSample)).Keys.Select(SettingKey.Parse).ToList();

    private static IEnumerable<SettingRequirement> AppRequirements() =>
        RequiredSettings.FromOptionsDefaults(Catalog).Concat(RequiredSettings.FromAppSettingTokens(RepositoryFiles.FunctionsMetadata, RepositoryFiles.HostJson));

    [Fact]
    public void MainBicep_RequiredByOptionsAndBindings_AllPresent()
    {
        var keys = BicepKeys();

        var missing = AppRequirements().Where(requirement => !requirement.IsMetBy(keys)).Select(r => r.ToString()).ToList();

        Assert.True(missing.Count == 0, "infra/main.bicep appSettings lacks: " + string.Join("; ", missing));
    }

    [Fact]
    public void MainBicep_RequiredByAzureDeployment_AllPresent()
    {
        var keys = BicepKeys();

        var missing = RequiredSettings.AzureDeployment.Where(requirement => !requirement.IsMetBy(keys)).Select(r => r.ToString()).ToList();

        Assert.True(missing.Count == 0, "infra/main.bicep appSettings lacks: " + string.Join("; ", missing));
    }

    [Fact]
    public void LocalSettingsSample_RequiredByOptionsAndBindings_AllPresent()
    {
        var keys = LocalKeys();

        var missing = AppRequirements().Where(requirement => !requirement.IsMetBy(keys)).Select(r => r.ToString()).ToList();

        Assert.True(missing.Count == 0, "local.settings.sample.json Values lacks: " + string.Join("; ", missing));
    }

    [Fact]
    public void MainBicep_DriveSyncSettings_AllKnownToApp()
    {
        var unknown = BicepKeys().Where(key => key.IsDriveSync && !Catalog.IsKnown(key)).Select(key => key.Text).ToList();

        Assert.True(unknown.Count == 0, "infra/main.bicep sets settings no options class binds: " + string.Join(", ", unknown));
    }

    [Fact]
    public void LocalSettingsSample_DriveSyncSettings_AllKnownToApp()
    {
        var unknown = LocalKeys().Where(key => key.IsDriveSync && !Catalog.IsKnown(key)).Select(key => key.Text).ToList();

        Assert.True(unknown.Count == 0, "local.settings.sample.json sets settings no options class binds: " + string.Join(", ", unknown));
    }

    [Fact]
    public void MainBicep_OtherSettings_OnPlatformAllowList()
    {
        var unknown = BicepKeys().Where(key => !key.IsDriveSync && !PlatformSettings.IsAllowed(key.Text, Catalog)).Select(key => key.Text).ToList();

        Assert.True(unknown.Count == 0, "infra/main.bicep sets settings that are neither DriveSync nor documented platform settings: " + string.Join(", ", unknown));
    }

    [Fact]
    public void LocalSettingsSample_OtherSettings_OnPlatformAllowList()
    {
        var unknown = LocalKeys().Where(key => !key.IsDriveSync && !PlatformSettings.IsAllowed(key.Text, Catalog)).Select(key => key.Text).ToList();

        Assert.True(unknown.Count == 0, "local.settings.sample.json sets settings that are neither DriveSync nor documented platform settings: " + string.Join(", ", unknown));
    }

    [Fact]
    public void MainBicep_SettingNames_Unique()
    {
        var duplicates = BicepKeys().GroupBy(key => key.ConfigurationPath, StringComparer.OrdinalIgnoreCase)
            .Where(group => group.Count() > 1).Select(group => group.Key).ToList();

        Assert.Empty(duplicates);
    }

    [Fact]
    public void MainBicep_SecretSettings_AreKeyVaultReferences()
    {
        var secretLike = BicepSettings()
            .Where(setting => Catalog.Find(SettingKey.Parse(setting.Name)) is { } pattern && IsSecretName(pattern.Segments.Last(s => s != SettingPattern.Any)))
            .ToList();

        Assert.NotEmpty(secretLike);
        Assert.All(secretLike, setting => Assert.True(setting.IsKeyVaultReference, $"{setting.Name} must be a Key Vault reference, not {setting.ValueExpression}"));
    }

    [Fact]
    public void MainBicep_KeyVaultReferences_NameVaultAndSecret()
    {
        var references = BicepSettings().Where(setting => setting.IsKeyVaultReference).ToList();

        Assert.Equal(2, references.Count);
        Assert.All(references, setting => Assert.Matches(@"^'@Microsoft\.KeyVault\(VaultName=\$\{[A-Za-z0-9_.]+\};SecretName=\$\{[A-Za-z0-9_.]+\}\)'$", setting.ValueExpression));
    }

    [Fact]
    public void LocalSettingsSample_FunctionsRuntimeAndStorage_IsolatedWorkerOnAzurite()
    {
        var values = LocalSettingsSample.ReadValues(File.ReadAllText(RepositoryFiles.LocalSettingsSample));

        Assert.Equal("dotnet-isolated", values["FUNCTIONS_WORKER_RUNTIME"]);
        Assert.Equal("UseDevelopmentStorage=true", values["AzureWebJobsStorage"]);
    }

    [Fact]
    public void MainBicep_ElasticPremiumSettings_IsolatedWorkerOnV4()
    {
        var settings = BicepAppSettings.Parse(File.ReadAllText(RepositoryFiles.MainBicep), BicepAppSettings.PremiumArray)
            .ToDictionary(setting => setting.Name, setting => setting.ValueExpression, StringComparer.OrdinalIgnoreCase);

        Assert.Equal("'dotnet-isolated'", settings["FUNCTIONS_WORKER_RUNTIME"]);
        Assert.Equal("'~4'", settings["FUNCTIONS_EXTENSION_VERSION"]);
    }

    [Fact]
    public void MainBicep_SharedSettings_IdentityBasedHostStorageWithoutRuntimeSettings()
    {
        var settings = BicepAppSettings.Parse(File.ReadAllText(RepositoryFiles.MainBicep))
            .ToDictionary(setting => setting.Name, setting => setting.ValueExpression, StringComparer.OrdinalIgnoreCase);

        Assert.Equal("'managedidentity'", settings["AzureWebJobsStorage__credential"]);
        Assert.False(settings.ContainsKey("AzureWebJobsStorage"), "no connection string (shared keys are off)");
        Assert.False(settings.ContainsKey("FUNCTIONS_WORKER_RUNTIME"), "Flex Consumption refuses it; it takes the runtime from functionAppConfig");
        Assert.False(settings.ContainsKey("WEBSITE_RUN_FROM_PACKAGE"), "Flex Consumption deploys to its deployment container");
    }

    private static bool IsSecretName(string property) =>
        new[] { "Json", "Key", "Keys", "Secret", "Token", "ConnectionString", "Password" }
            .Any(suffix => property.EndsWith(suffix, StringComparison.OrdinalIgnoreCase));
}
