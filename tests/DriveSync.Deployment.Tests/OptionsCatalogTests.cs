namespace DriveSync.Deployment.Tests;

/// <summary>The reflection that finds the app's settings and what they require.</summary>
public sealed class OptionsCatalogTests
{
    private static readonly OptionsCatalog Catalog = OptionsCatalog.App;

    [Fact]
    public void Discover_AppAssemblies_FindsEveryComponentSection()
    {
        var sections = Catalog.Sections.Select(section => section.SectionName).ToList();

        Assert.Contains("DriveSync:Storage", sections);
        Assert.Contains("DriveSync:Drive", sections);
        Assert.Contains("DriveSync:Sanitizer", sections);
        Assert.Contains("DriveSync:Pipeline", sections);
        Assert.Contains("DriveSync:Api", sections);
        Assert.Contains("DriveSync:Timer", sections);
        Assert.Equal(sections.Count, sections.Distinct(StringComparer.OrdinalIgnoreCase).Count());
    }

    [Theory]
    [InlineData("DriveSync__Drive__FolderId")]
    [InlineData("DriveSync:Storage:BlobServiceUri")]
    [InlineData("driveSync__pipeline__maxBatchesInFlight")]
    [InlineData("driveSync__pipeline__stateContainer")]
    [InlineData("DriveSync__Api__Keys__0")]
    [InlineData("DriveSync__Sanitizer__Modes__SSN")]
    [InlineData("DriveSync__Sanitizer__CustomPatterns__0__Pattern")]
    [InlineData("DriveSync__Sanitizer__CustomPatterns__2__ContextWords__1")]
    public void IsKnown_SettingOfAnOptionsClass_True(string key)
    {
        Assert.True(Catalog.IsKnown(SettingKey.Parse(key)));
    }

    [Theory]
    [InlineData("DriveSync__Drive__FolderID2")]
    [InlineData("DriveSync__Drive")]
    [InlineData("DriveSync__Nowhere__FolderId")]
    [InlineData("DriveSync__Api__Keys")]
    [InlineData("DriveSync__Sanitizer__CustomPatterns__0__Unknown")]
    [InlineData("DriveSync__Storage__ConnectionString__Extra")]
    public void IsKnown_NoSuchSetting_False(string key)
    {
        Assert.False(Catalog.IsKnown(SettingKey.Parse(key)));
    }

    [Fact]
    public void PlatformKeys_TelemetryConstants_Found()
    {
        Assert.Contains("APPLICATIONINSIGHTS_CONNECTION_STRING", Catalog.PlatformKeys);
        Assert.Contains("OTEL_EXPORTER_OTLP_ENDPOINT", Catalog.PlatformKeys);
    }

    [Fact]
    public void FromOptionsDefaults_DriveAndStorage_RequireFolderCredentialAndConnection()
    {
        var requirements = RequiredSettings.FromOptionsDefaults(Catalog);

        Assert.Contains(requirements, r => r.AnyOf.SequenceEqual(["DriveSync__Drive__FolderId"]));
        Assert.Contains(requirements, r => r.AnyOf.Contains("DriveSync__Drive__ServiceAccountJson") && r.AnyOf.Contains("DriveSync__Drive__ServiceAccountJsonPath"));
        Assert.Contains(requirements, r => r.AnyOf.Contains("DriveSync__Storage__ConnectionString") && r.AnyOf.Contains("DriveSync__Storage__BlobServiceUri"));
        Assert.DoesNotContain(requirements, r => r.AnyOf.Any(a => a.StartsWith("DriveSync__Api__", StringComparison.Ordinal)));
    }

    [Fact]
    public void FromAppSettingTokens_TimerScheduleAndTaskHub_Required()
    {
        var requirements = RequiredSettings.FromAppSettingTokens(RepositoryFiles.FunctionsMetadata, RepositoryFiles.HostJson);

        var names = requirements.SelectMany(r => r.AnyOf).ToList();
        Assert.Equal(["DriveSync__Durable__TaskHubName", "DriveSync__Timer__Schedule"], names.Order(StringComparer.Ordinal));
        Assert.All(names, name => Assert.True(Catalog.IsKnown(SettingKey.Parse(name)), name));
    }

    [Fact]
    public void IsMetBy_EnvironmentAndConfigurationForms_Equivalent()
    {
        var requirement = new SettingRequirement(["DriveSync:Drive:FolderId"], "test");

        Assert.True(requirement.IsMetBy([SettingKey.Parse("DRIVESYNC__drive__folderid")]));
        Assert.False(requirement.IsMetBy([SettingKey.Parse("DriveSync__Drive__SharedDriveId")]));
    }
}
