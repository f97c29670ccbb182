namespace DriveSync.Deployment.Tests;

/// <summary>
/// Keeps infra/main.bicep and local.settings.sample.json honest against the code: every setting the app requires
/// is present, and every setting present is one the app (or the platform) reads.
/// </summary>
public sealed class AppSettingsTests
{
    private static readonly OptionsCatalog Catalog = OptionsCatalog.App;

    private static IReadOnlyList<BicepAppSetting> BicepSettings() =>
        BicepAppSettings.Parse(File.ReadAllText(RepositoryFiles.MainBicep));

    private static IReadOnlyList<SettingKey> BicepKeys() =>
        BicepSettings().Select(setting => SettingKey.Parse(setting.Name)).ToList();

    private static IReadOnlyList<SettingKey> LocalKeys() =>
        LocalSettingsSample.ReadValues(File.ReadAllText(RepositoryFiles.LocalSettingsSample)).Keys.Select(SettingKey.Parse).ToList();

    private static IEnumerable<SettingRequirement> AppRequirements() =>
        RequiredSettings.FromOptionsDefaults(Catalog).Concat(RequiredSettings.FromFunctionBindings(RepositoryFiles.FunctionDefinitions()));

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
    public void LocalSettingsSample_FunctionsRuntime_IsCustom()
    {
        var values = LocalSettingsSample.ReadValues(File.ReadAllText(RepositoryFiles.LocalSettingsSample));

        Assert.Equal("custom", values["FUNCTIONS_WORKER_RUNTIME"]);
    }

    [Fact]
    public void MainBicep_FunctionsRuntime_IsCustomOnV4()
    {
        var settings = BicepSettings().ToDictionary(setting => setting.Name, setting => setting.ValueExpression, StringComparer.OrdinalIgnoreCase);

        Assert.Equal("'custom'", settings["FUNCTIONS_WORKER_RUNTIME"]);
        Assert.Equal("'~4'", settings["FUNCTIONS_EXTENSION_VERSION"]);
        Assert.Equal("'managedidentity'", settings["AzureWebJobsStorage__credential"]);
    }

    private static bool IsSecretName(string property) =>
        new[] { "Json", "Key", "Keys", "Secret", "Token", "ConnectionString", "Password" }
            .Any(suffix => property.EndsWith(suffix, StringComparison.OrdinalIgnoreCase));
}
