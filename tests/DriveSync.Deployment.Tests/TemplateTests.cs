using System.Text.Json;
using System.Text.RegularExpressions;
using DriveSync.Host.Telemetry;
using DriveSync.Pipeline.Runs;
using Microsoft.ApplicationInsights;
using Microsoft.ApplicationInsights.DataContracts;
using Microsoft.ApplicationInsights.Extensibility;

namespace DriveSync.Deployment.Tests;

/// <summary>What infra/main.bicep promises beyond app settings: storage hardening, roles, alerts, parameters.</summary>
public sealed class TemplateTests
{
    private static readonly string Bicep = BicepAppSettings.WithoutComments(File.ReadAllText(RepositoryFiles.MainBicep));

    [Theory]
    [InlineData("allowBlobPublicAccess: false")]
    [InlineData("allowSharedKeyAccess: false")]
    [InlineData("minimumTlsVersion: 'TLS1_2'")]
    [InlineData("supportsHttpsTrafficOnly: true")]
    [InlineData("enableRbacAuthorization: true")]
    [InlineData("enablePurgeProtection: true")]
    [InlineData("httpsOnly: true")]
    [InlineData("keyVaultReferenceIdentity: identity.id")]
    [InlineData("minTlsVersion: '1.2'")]
    public void MainBicep_Hardening_Present(string property)
    {
        Assert.Contains(property, Bicep, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ba92f5b4-2d11-453d-a403-e96b0029c9fe")] // Storage Blob Data Contributor
    [InlineData("974c5e8b-45b9-4653-ba55-5f855dd0fb88")] // Storage Queue Data Contributor
    [InlineData("4633458b-17de-408a-b874-0445c86b69e6")] // Key Vault Secrets User
    public void MainBicep_IdentityRoles_UseBuiltInRoleDefinitionIds(string roleDefinitionId)
    {
        Assert.Contains($"'{roleDefinitionId}'", Bicep, StringComparison.Ordinal);
    }

    [Fact]
    public void MainBicep_ElasticPremiumLinuxPlan_Chosen()
    {
        Assert.Matches(@"param planSku string = 'EP1'", Bicep);
        Assert.Matches(@"name:\s*planSku", Bicep);
        Assert.Matches(@"tier:\s*'ElasticPremium'", Bicep);
        Assert.Matches(@"kind:\s*'functionapp,linux'", Bicep);
        Assert.Matches(@"reserved:\s*true", Bicep);
    }

    [Fact]
    public void MainBicep_NoAzureFilesContentShare_SoNoSharedKeyNeeded()
    {
        Assert.DoesNotContain("WEBSITE_CONTENTAZUREFILECONNECTIONSTRING", Bicep, StringComparison.Ordinal);
        Assert.DoesNotContain("listKeys(", Bicep, StringComparison.Ordinal);
        Assert.DoesNotContain("AccountKey=", Bicep, StringComparison.Ordinal);
    }

    [Fact]
    public void MainBicep_ThreeAlerts_Defined()
    {
        var rules = Regex.Matches(Bicep, @"'Microsoft\.Insights/scheduledQueryRules@[0-9a-z-]+'").Count;

        Assert.Equal(3, rules);
    }

    [Fact]
    public void MainBicep_AlertQueries_UseEventsAndPropertiesTheHostEmits()
    {
        var emitted = EmitSampleRunEvents();
        var names = Regex.Matches(Bicep, "\\bname\\s*==\\s*\"(?<v>[A-Za-z]+)\"").Select(m => m.Groups["v"].Value).Distinct().ToList();
        var dimensions = Regex.Matches(Bicep, "customDimensions\\.(?<p>[A-Za-z]+)\\)?\\s*==\\s*\"(?<v>[A-Za-z]+)\"")
            .Select(m => (Property: m.Groups["p"].Value, Value: m.Groups["v"].Value)).Distinct().ToList();

        Assert.Equal(["FileQuarantined", "RunCompleted"], names.Order(StringComparer.Ordinal));
        Assert.All(names, name => Assert.Contains(emitted, e => e.Name == name));
        Assert.NotEmpty(dimensions);
        Assert.All(dimensions, d => Assert.Contains(emitted, e => e.Properties.TryGetValue(d.Property, out var value) && value == d.Value));
    }

    [Fact]
    public void MainParameters_EveryParameter_DeclaredInBicep()
    {
        using var parameters = JsonDocument.Parse(File.ReadAllText(RepositoryFiles.MainParameters));
        var declared = Regex.Matches(Bicep, @"^param\s+(?<n>[A-Za-z0-9_]+)\s", RegexOptions.Multiline).Select(m => m.Groups["n"].Value).ToHashSet(StringComparer.Ordinal);

        var given = parameters.RootElement.GetProperty("parameters").EnumerateObject().Select(p => p.Name).ToList();

        Assert.NotEmpty(given);
        Assert.All(given, name => Assert.Contains(name, declared));
    }

    [Fact]
    public void MainParameters_Secrets_NotInlined()
    {
        var text = File.ReadAllText(RepositoryFiles.MainParameters);

        Assert.DoesNotContain("private_key", text, StringComparison.Ordinal);
        Assert.DoesNotContain("googleServiceAccountJson", text, StringComparison.Ordinal);
        Assert.DoesNotContain("pseudonymKey", text, StringComparison.Ordinal);
    }

    private static List<EventTelemetry> EmitSampleRunEvents()
    {
        var channel = new CapturingTelemetryChannel();
        using var configuration = new TelemetryConfiguration { TelemetryChannel = channel, ConnectionString = "InstrumentationKey=00000000-0000-0000-0000-000000000000" };
        var events = new ApplicationInsightsRunEvents(new TelemetryClient(configuration));
        var created = new DateTimeOffset(2026, 1, 2, 2, 0, 0, TimeSpan.Zero);
        RunStatus Run(RuntimeStatus status, string? failure) =>
            new("run-1", "source-1", "timer", status, "Done", RunCounters.Empty, created, created.AddMinutes(5), created.AddMinutes(5), failure);

        events.RunStarted(Run(RuntimeStatus.Running, null));
        events.RunCompleted(Run(RuntimeStatus.Completed, null));
        events.RunCompleted(Run(RuntimeStatus.Failed, "Drive returned 403"));
        events.FileQuarantined("run-1", "file-1", "unsupported-format");

        return channel.Items.OfType<EventTelemetry>().ToList();
    }
}
