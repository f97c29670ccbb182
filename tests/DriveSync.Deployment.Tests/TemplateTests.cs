using System.Text.Json;
using System.Text.RegularExpressions;
using DriveSync.Pipeline.Orchestration;

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
    [InlineData("b7e6dc6d-f1e8-4753-8033-0f276bb0955b")] // Storage Blob Data Owner
    [InlineData("974c5e8b-45b9-4653-ba55-5f855dd0fb88")] // Storage Queue Data Contributor
    [InlineData("0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3")] // Storage Table Data Contributor
    [InlineData("4633458b-17de-408a-b874-0445c86b69e6")] // Key Vault Secrets User
    public void MainBicep_IdentityRoles_UseBuiltInRoleDefinitionIds(string roleDefinitionId)
    {
        Assert.Contains($"'{roleDefinitionId}'", Bicep, StringComparison.Ordinal);
    }

    [Fact]
    public void MainBicep_Plan_FlexConsumptionByDefaultElasticPremiumAsParameter()
    {
        Assert.Matches(@"param planKind string = 'FlexConsumption'", Bicep);
        Assert.Matches(@"@allowed\(\[\s*'FlexConsumption'\s*'ElasticPremium'\s*\]\)\s*param planKind", Bicep);
        Assert.Matches(@"tier:\s*'FlexConsumption'", Bicep);
        Assert.Matches(@"tier:\s*'ElasticPremium'", Bicep);
        Assert.Matches(@"kind:\s*'functionapp,linux'", Bicep);
        Assert.Matches(@"reserved:\s*true", Bicep);
    }

    [Fact]
    public void MainBicep_Runtime_DotnetIsolatedTen()
    {
        Assert.Matches(@"runtime:\s*\{\s*name:\s*'dotnet-isolated'\s*version:\s*'10\.0'\s*\}", Bicep);
        Assert.Contains("linuxFxVersion: isFlex ? null : 'DOTNET-ISOLATED|10.0'", Bicep, StringComparison.Ordinal);
        Assert.Matches(@"authentication:\s*\{\s*type:\s*'UserAssignedIdentity'", Bicep);
    }

    [Fact]
    public void MainBicep_NoAzureFilesContentShare_SoNoSharedKeyNeeded()
    {
        Assert.DoesNotContain("WEBSITE_CONTENTAZUREFILECONNECTIONSTRING", Bicep, StringComparison.Ordinal);
        Assert.DoesNotContain("listKeys(", Bicep, StringComparison.Ordinal);
        Assert.DoesNotContain("AccountKey=", Bicep, StringComparison.Ordinal);
    }

    [Fact]
    public void MainBicep_TwoAlerts_Defined()
    {
        var rules = Regex.Matches(Bicep, @"'Microsoft\.Insights/scheduledQueryRules@[0-9a-z-]+'").Count;

        Assert.Equal(2, rules);
    }

    [Fact]
    public void MainBicep_AlertQueries_ReadTheOrchestrationAndTheFinalizeLine()
    {
        Assert.Contains($"var syncFolderName = '{PipelineTasks.SyncFolder}'", Bicep, StringComparison.Ordinal);
        Assert.Contains("customDimensions.Category == \"Host.Triggers.DurableTask\"", Bicep, StringComparison.Ordinal);
        Assert.Contains("customDimensions.prop__state", Bicep, StringComparison.Ordinal);
        Assert.Contains("RuntimeStatus in (\"Failed\", \"Terminated\")", Bicep, StringComparison.Ordinal);
        Assert.Contains("RuntimeStatus == \"Completed\"", Bicep, StringComparison.Ordinal);
    }

    [Fact]
    public void RunFinalizer_FinishedLine_CarriesTheFieldsTheAlertsRead()
    {
        var source = File.ReadAllText(Path.Combine(RepositoryFiles.Root, "src", "DriveSync.Pipeline", "Runs", "RunFinalizer.cs"));

        Assert.Contains("\"Run {RunId} finished {RuntimeStatus}:", source, StringComparison.Ordinal);
        Assert.Contains("customDimensions.RunId", Bicep, StringComparison.Ordinal);
        Assert.Contains("customDimensions.RuntimeStatus", Bicep, StringComparison.Ordinal);
    }

    [Fact]
    public void MainBicep_NoCompletedRunAlert_QuietDuringTheFirstPeriod()
    {
        Assert.Contains("param deployedAt string = utcNow('u')", Bicep, StringComparison.Ordinal);
        Assert.Contains("now() > datetime(${deployedAt}) + ${runPeriodHours + alertSlackHours}h", Bicep, StringComparison.Ordinal);
        Assert.Contains("ago(${runPeriodHours + alertSlackHours}h)", Bicep, StringComparison.Ordinal);
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
}
