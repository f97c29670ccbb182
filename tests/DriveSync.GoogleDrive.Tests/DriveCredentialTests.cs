using System.Security.Cryptography;
using System.Text.Json;
using DriveSync.DriveEmulator;
using DriveSync.Testing;

namespace DriveSync.GoogleDrive.Tests;

public sealed class DriveCredentialTests
{
    private const string ClientEmail = "drivesync@test-project.iam.gserviceaccount.com";

    private static string ServiceAccountJson(string privateKeyPem, Uri tokenUri) => JsonSerializer.Serialize(new Dictionary<string, string>
    {
        ["type"] = "service_account",
        ["project_id"] = "test-project",
        ["private_key_id"] = "0123456789abcdef",
        ["private_key"] = privateKeyPem,
        ["client_email"] = ClientEmail,
        ["client_id"] = "1234567890",
        ["token_uri"] = tokenUri.ToString(),
    });

    /// <summary>Key material to look for: every 24-character slice of the PEM body.</summary>
    private static IEnumerable<string> Fragments(string pem)
    {
        var body = string.Concat(pem.Split('\n').Where(l => !l.StartsWith("-----", StringComparison.Ordinal)));
        for (var i = 0; i + 24 <= body.Length; i += 24)
            yield return body.Substring(i, 24);
    }

    [Fact]
    public async Task ServiceAccount_WithDelegation_TokenFromTokenUriAndSecretsNeverInLogsOrErrors()
    {
        using var cts = TestTimeout.Start();
        using var rsa = RSA.Create(2048);
        var pem = rsa.ExportPkcs8PrivateKeyPem();
        await using var drive = await DriveHarness.StartAsync(cts.Token);
        var json = ServiceAccountJson(pem, drive.Emulator.TokenUri);
        var options = DriveHarness.FastOptions(drive.Emulator);
        options.BearerToken = null;
        options.ServiceAccountJson = json;
        options.ImpersonateSubject = "ops@example.com";
        Assert.Empty(options.Validate());
        var logs = new LogCapture();
        var errors = new List<Exception>();
        using var pacer = new DrivePacer(options, logger: logs.For<DrivePacer>());
        using var client = new DriveClient(options, pacer, logs.For<DriveClient>());
        var a = drive.Store.AddFile(drive.Store.RootFolderId, "a.txt", [1, 2, 3]);
        drive.Emulator.Faults.Enqueue(EmulatorFaultKind.TooManyRequests);

        var listed = await new DriveFolderLister(client, options, logs.For<DriveFolderLister>()).NextPageAsync(ListingCursor.Start(drive.Store.RootFolderId), cts.Token);
        await client.DownloadAsync(listed.Files.Single(), Stream.Null, cts.Token);
        errors.Add(await Assert.ThrowsAsync<DriveApiException>(() => client.GetFileAsync("missing", cts.Token)));
        drive.Emulator.Faults.Enqueue(EmulatorFaultKind.ServiceUnavailable, 20);
        errors.Add(await Assert.ThrowsAsync<DriveRetriesExhaustedException>(() => client.GetFileAsync(a, cts.Token)));
        drive.Emulator.Faults.Clear();
        errors.Add(Assert.Throws<DriveCredentialException>(() => DriveCredentialFactory.Create(new DriveOptions { ServiceAccountJson = json[..^40] })));
        errors.Add(Assert.Throws<DriveCredentialException>(() => DriveCredentialFactory.Create(new DriveOptions { ServiceAccountJson = json.Replace("BEGIN PRIVATE KEY", "BEGIN NONSENSE", StringComparison.Ordinal) })));
        var badTokenUri = ServiceAccountJson(pem, new Uri(drive.Emulator.BaseUri, "no-such-token-endpoint"));
        using var badClient = new DriveClient(new DriveOptions { BaseUri = drive.Emulator.BaseUri, ServiceAccountJson = badTokenUri, FolderId = "root", MaxRetries = 0 }, pacer, logs.For<DriveClient>());
        errors.Add(await Assert.ThrowsAsync<Google.Apis.Auth.OAuth2.Responses.TokenResponseException>(() => badClient.GetFileAsync(a, cts.Token)));
        Assert.Equal(DriveFailureAction.StopRun, DriveFailureClassifier.Classify(errors[^1]));

        var grant = Assert.Single(drive.Emulator.TokenGrants);
        Assert.Equal(ClientEmail, grant.Issuer);
        Assert.Equal("ops@example.com", grant.Subject);
        Assert.Equal(DriveOptions.DefaultScope, grant.Scope);
        var captured = string.Join("\n", logs.Lines.Concat(drive.Logs.Lines).Concat(errors.Select(e => e.ToString())));
        Assert.NotEmpty(logs.Lines);
        Assert.DoesNotContain(DriveHarness.Token, captured, StringComparison.Ordinal);
        Assert.All(Fragments(pem), fragment => Assert.DoesNotContain(fragment, captured, StringComparison.Ordinal));
        Assert.DoesNotContain("PRIVATE KEY", captured, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BearerToken_FailuresAndRetries_TokenNeverInLogsOrErrors()
    {
        using var cts = TestTimeout.Start();
        await using var drive = await DriveHarness.StartAsync(cts.Token, o => o.MaxRetries = 2);
        var errors = new List<Exception>();
        drive.Emulator.Faults.Enqueue(EmulatorFaultKind.ConnectionReset);
        drive.Emulator.Faults.Enqueue(EmulatorFaultKind.UserRateLimitExceeded);
        await drive.ListAllAsync(cts.Token);
        errors.Add(await Assert.ThrowsAsync<DriveApiException>(() => drive.Client.GetFileAsync("missing", cts.Token)));
        drive.Emulator.Faults.Enqueue(EmulatorFaultKind.InternalServerError, 3);
        errors.Add(await Assert.ThrowsAsync<DriveRetriesExhaustedException>(() => drive.Client.GetFileAsync("root", cts.Token)));
        var wrong = DriveHarness.FastOptions(drive.Emulator);
        wrong.BearerToken = "ya29.wrong-token-0000";
        using var wrongClient = new DriveClient(wrong, drive.Pacer, drive.Logs.For<DriveClient>());
        errors.Add(await Assert.ThrowsAsync<DriveApiException>(() => wrongClient.GetFileAsync("root", cts.Token)));

        var captured = string.Join("\n", drive.Logs.Lines.Concat(errors.Select(e => e.ToString())));
        Assert.NotEmpty(drive.Logs.Lines);
        Assert.DoesNotContain(DriveHarness.Token, captured, StringComparison.Ordinal);
        Assert.DoesNotContain("wrong-token", captured, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ServiceAccountJsonPath_KeyFile_ListsFiles()
    {
        using var cts = TestTimeout.Start();
        using var rsa = RSA.Create(2048);
        await using var drive = await DriveHarness.StartAsync(cts.Token);
        drive.Store.AddFile(drive.Store.RootFolderId, "a.txt", [1]);
        var keyFile = Path.Combine(Path.GetTempPath(), $"drive-sa-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(keyFile, ServiceAccountJson(rsa.ExportPkcs8PrivateKeyPem(), drive.Emulator.TokenUri), cts.Token);
        try
        {
            var options = DriveHarness.FastOptions(drive.Emulator);
            options.BearerToken = null;
            options.ServiceAccountJsonPath = keyFile;
            Assert.Empty(options.Validate());
            using var client = new DriveClient(options, drive.Pacer);

            var page = await new DriveFolderLister(client, options).NextPageAsync(ListingCursor.Start("root"), cts.Token);

            Assert.Single(page.Files);
            var grant = Assert.Single(drive.Emulator.TokenGrants);
            Assert.Equal((ClientEmail, (string?)null), (grant.Issuer, grant.Subject));
        }
        finally
        {
            File.Delete(keyFile);
        }
    }

    [Fact]
    public async Task OAuthRefreshToken_AgainstTokenUri_ListsFiles()
    {
        using var cts = TestTimeout.Start();
        await using var drive = await DriveHarness.StartAsync(cts.Token);
        drive.Store.AddFile(drive.Store.RootFolderId, "a.txt", [1]);
        var options = DriveHarness.FastOptions(drive.Emulator);
        options.BearerToken = null;
        options.OAuthClientId = "client-id.apps.googleusercontent.com";
        options.OAuthClientSecret = "oauth-client-secret-value";
        options.OAuthRefreshToken = "1//refresh-token-value";
        options.OAuthTokenUri = drive.Emulator.TokenUri;
        Assert.Empty(options.Validate());
        using var client = new DriveClient(options, drive.Pacer, drive.Logs.For<DriveClient>());

        var page = await new DriveFolderLister(client, options).NextPageAsync(ListingCursor.Start("root"), cts.Token);

        Assert.Single(page.Files);
        Assert.Equal("refresh_token", Assert.Single(drive.Emulator.TokenGrants).GrantType);
        var captured = string.Join("\n", drive.Logs.Lines);
        Assert.DoesNotContain("oauth-client-secret-value", captured, StringComparison.Ordinal);
        Assert.DoesNotContain("refresh-token-value", captured, StringComparison.Ordinal);
    }
}
