using DriveSync.Deployment.Tests.Samples;

namespace DriveSync.Deployment.Tests;

/// <summary>The catalog's reflection rules, on made-up options classes (<see cref="SampleOptions"/>).</summary>
public sealed class OptionsDiscoveryTests
{
    private static readonly OptionsCatalog Samples = OptionsCatalog.Discover([typeof(SampleOptions).Assembly]);

    [Fact]
    public void Discover_SampleOptions_ListsEveryBindableShape()
    {
        var sample = Assert.Single(Samples.Sections, section => section.OptionsType == typeof(SampleOptions));

        Assert.Equal(
            ["DriveSync:Sample:Endpoint", "DriveSync:Sample:PerTarget:*:Attempts", "DriveSync:Sample:Retry:Attempts", "DriveSync:Sample:Tags:*", "DriveSync:Sample:Timeout"],
            sample.Settings.Select(setting => setting.ToString()).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Discover_KeyConstantInUpperSnakeCase_IsPlatformKey()
    {
        Assert.Contains("SAMPLE_TOKEN", Samples.PlatformKeys);
        Assert.DoesNotContain("DriveSync:Sample", Samples.PlatformKeys);
    }

    [Fact]
    public void Discover_TestAssemblyItself_NotPartOfTheAppCatalog()
    {
        Assert.DoesNotContain(OptionsCatalog.App.Sections, section => section.OptionsType == typeof(SampleOptions));
    }

    [Fact]
    public void FromOptionsDefaults_ParameterWithoutDefault_ThrowsNamingTheType()
    {
        var error = Assert.Throws<InvalidOperationException>(() => RequiredSettings.FromOptionsDefaults(Samples));

        Assert.Contains("SampleStrictOptions.Validate", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromOptionsDefaults_OptionalParameter_UsesDefaultAndFindsRequiredSetting()
    {
        var sample = Samples.Sections.Where(section => section.OptionsType == typeof(SampleOptions));

        var requirements = RequiredSettings.FromSections(sample, Samples);

        var requirement = Assert.Single(requirements);
        Assert.Equal(["DriveSync__Sample__Endpoint"], requirement.AnyOf);
    }
}
