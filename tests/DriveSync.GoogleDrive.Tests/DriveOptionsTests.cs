namespace DriveSync.GoogleDrive.Tests;

public sealed class DriveOptionsTests
{
    private static DriveOptions Valid() => new() { FolderId = "folder1", BearerToken = "t" };

    [Fact]
    public void Validate_ValidOptions_NoErrors() => Assert.Empty(Valid().Validate());

    public static TheoryData<string, Action<DriveOptions>> Invalid => new()
    {
        { "DriveSync:Drive:FolderId", o => o.FolderId = null },
        { "DriveSync:Drive:PageSize", o => o.PageSize = 1001 },
        { "DriveSync:Drive:PageSize", o => o.PageSize = 0 },
        { "DriveSync:Drive:ListGroupSize", o => o.ListGroupSize = 0 },
        { "DriveSync:Drive:ListGroupSize", o => o.ListGroupSize = 101 },
        { "DriveSync:Drive:MaxQueryLength", o => o.MaxQueryLength = 199 },
        { "DriveSync:Drive:MaxRememberedShortcutTargets", o => o.MaxRememberedShortcutTargets = -1 },
        { "DriveSync:Drive:RequestsPerSecond", o => o.RequestsPerSecond = 0 },
        { "DriveSync:Drive:Burst", o => o.Burst = 0 },
        { "DriveSync:Drive:MaxRetries", o => o.MaxRetries = -1 },
        { "DriveSync:Drive:RetryMaxDelay", o => o.RetryMaxDelay = TimeSpan.FromMilliseconds(1) },
        { "DriveSync:Drive:PerAttemptTimeout", o => o.PerAttemptTimeout = TimeSpan.Zero },
        { "DriveSync:Drive:CircuitFailureRatio", o => o.CircuitFailureRatio = 1.5 },
        { "DriveSync:Drive:BaseUri", o => o.BaseUri = new Uri("ftp://example.com/") },
        { "DriveSync:Drive:BearerToken", o => o.BearerToken = null },
        { "DriveSync:Drive:OAuthClientId", o => o.OAuthRefreshToken = "r" },
        { "DriveSync:Drive:ServiceAccountJsonPath", o => { o.BearerToken = null; o.ServiceAccountJsonPath = "/nonexistent/key.json"; } },
        { "DriveSync:Drive:ImpersonateSubject", o => o.ImpersonateSubject = "someone@example.com" },
        { "DriveSync:Drive:ServiceAccountJson is an unresolved Key Vault reference", o => { o.BearerToken = null; o.ServiceAccountJson = "@Microsoft.KeyVault(VaultName=kv;SecretName=google-sa)"; } },
        { "DriveSync:Drive:Ocr:Language", o => o.Ocr.Language = "English" },
        { "DriveSync:Drive:Ocr:TempFolderId", o => o.Ocr.TempFolderId = " " },
        { "DriveSync:Drive:Ocr:CleanupTimeout", o => o.Ocr.CleanupTimeout = TimeSpan.Zero },
        { "DriveSync:Drive:Ocr", o => o.Ocr = null! },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Validate_BadSetting_NamesTheSetting(string setting, Action<DriveOptions> breakIt)
    {
        var options = Valid();
        breakIt(options);

        var errors = options.Validate();

        Assert.Contains(errors, e => e.Contains(setting, StringComparison.Ordinal));
    }

    [Fact]
    public void Ocr_Defaults_OffWithSourceFolderAndNoLanguage()
    {
        var ocr = Valid().Ocr;

        Assert.Equal((false, null, null, TimeSpan.FromSeconds(30)), (ocr.Enabled, ocr.TempFolderId, ocr.Language, ocr.CleanupTimeout));
        Assert.Empty(new DriveOcrOptions { Enabled = true, Language = "pt-BR", TempFolderId = "1AbC" }.Validate());
    }

    [Fact]
    public void DriveOptionsValidator_InvalidOptions_FailsWithEveryMessage()
    {
        var options = Valid();
        options.FolderId = null;
        options.PageSize = 5000;

        var result = new DriveOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Equal(2, result.Failures!.Count());
        Assert.True(new DriveOptionsValidator().Validate(null, Valid()).Succeeded);
    }

    [Fact]
    public void Validate_InlineSecret_NeverEchoedInErrors()
    {
        var options = Valid();
        options.BearerToken = "secret-token-value";
        options.ServiceAccountJson = "{\"private_key\":\"secret-key-value\"}";

        var errors = options.Validate();

        Assert.NotEmpty(errors);
        Assert.DoesNotContain(errors, e => e.Contains("secret", StringComparison.Ordinal));
    }
}
