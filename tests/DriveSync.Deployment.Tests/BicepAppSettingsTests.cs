namespace DriveSync.Deployment.Tests;

/// <summary>The textual reader of a Bicep <c>appSettings</c> array.</summary>
public sealed class BicepAppSettingsTests
{
    private const string Sample = """
        resource site 'Microsoft.Web/sites@2023-12-01' = {
          properties: {
            siteConfig: {
              // appSettings: [ in a comment is ignored ]
              appSettings: [
                {
                  name: 'FUNCTIONS_WORKER_RUNTIME'
                  value: 'custom'
                }
                {
                  name: 'DriveSync__Pipeline__WorkQueue'
                  value: workQueueName // trailing comment
                }
                {
                  name: 'DriveSync__Drive__ServiceAccountJson'
                  value: '@Microsoft.KeyVault(VaultName=${vault.name};SecretName=${secretName})'
                }
                {
                  name: 'WEBSITE_RUN_FROM_PACKAGE'
                  value: empty(packageUri) ? '' : ']tricky['
                }
              ]
            }
          }
        }
        """;

    [Fact]
    public void Parse_CanonicalArray_ReturnsNamesAndValueExpressions()
    {
        var settings = BicepAppSettings.Parse(Sample);

        Assert.Equal(["FUNCTIONS_WORKER_RUNTIME", "DriveSync__Pipeline__WorkQueue", "DriveSync__Drive__ServiceAccountJson", "WEBSITE_RUN_FROM_PACKAGE"], settings.Select(s => s.Name));
        Assert.Equal("'custom'", settings[0].ValueExpression);
        Assert.Equal("workQueueName", settings[1].ValueExpression);
        Assert.True(settings[2].IsKeyVaultReference);
        Assert.False(settings[0].IsKeyVaultReference);
        Assert.Equal("empty(packageUri) ? '' : ']tricky['", settings[3].ValueExpression);
    }

    [Fact]
    public void Parse_EntryOnOneLine_ThrowsFormatException()
    {
        const string bicep = "appSettings: [\n  { name: 'A', value: 'b' }\n]\n";

        var error = Assert.Throws<FormatException>(() => BicepAppSettings.Parse(bicep));
        Assert.Contains("1 'name:' properties but 0 entries", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_NoArray_ThrowsFormatException()
    {
        var error = Assert.Throws<FormatException>(() => BicepAppSettings.Parse("param x string\n"));
        Assert.Contains("found 0", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_UnclosedArray_ThrowsFormatException()
    {
        Assert.Throws<FormatException>(() => BicepAppSettings.Parse("appSettings: [\n {\n name: 'A'\n value: 'b'\n }\n"));
    }
}
