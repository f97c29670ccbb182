using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using DriveSync.Pipeline.Storage;
using DriveSync.Testing;

namespace DriveSync.Host.Tests.Cli;

/// <summary>Bad storage settings stop <c>serve</c> and <c>run</c> at start-up with exit code 2 and a message naming the setting.</summary>
[Collection("Azurite")]
public sealed class StorageSettingsCliTests(AzuriteFixture azurite)
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Serve_MalformedConnectionString_ExitsTwoNamingTheSettingAndThePart()
    {
        var result = await CliProcess.RunAsync(Bound, Serve("AccountName=mystore;AccountKey=not*base64*SECRET"));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("DriveSync:Storage:ConnectionString is malformed: AccountKey is not valid base64.", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("SECRET", result.AllOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_TableEndpointMissingFromAFullString_ExitsTwoAskingForAllThreeEndpoints()
    {
        var withoutTable = azurite.ConnectionString.Replace($"TableEndpoint={azurite.TableEndpoint};", "", StringComparison.Ordinal);

        var result = await CliProcess.RunAsync(Bound, Serve(withoutTable));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("DriveSync:Storage:ConnectionString gives BlobEndpoint and QueueEndpoint but not TableEndpoint", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_WrongAccountKey_ExitsTwoSayingTheCredentialsWereRefusedWithoutTheKey()
    {
        var wrongKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(64));

        var result = await CliProcess.RunAsync(Bound, Serve(azurite.ConnectionString.Replace(DevelopmentStorage.AccountKey, wrongKey, StringComparison.Ordinal)));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("drivesync serve: storage is not usable:", result.Stderr, StringComparison.Ordinal);
        Assert.Contains($"DriveSync:Storage:ConnectionString: the blob service at {azurite.BlobEndpoint} refused the credentials (403", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain(wrongKey, result.AllOutput, StringComparison.Ordinal);
        Assert.DoesNotContain("Now listening", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_NothingListeningAtTheEndpoints_ExitsTwoWithinThirtySeconds()
    {
        var result = await CliProcess.RunAsync(Bound, Serve(DevelopmentStorage.ConnectionString(FreePort.Next(), FreePort.Next(), FreePort.Next())));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("DriveSync:Storage:ConnectionString: the blob endpoint http://127.0.0.1:", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("could not be reached", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_EndpointThatNeverAnswers_ExitsTwoWithinThirtySecondsInsteadOfHanging()
    {
        // A listening socket nobody accepts from: connections are made, requests sent, and no answer ever comes.
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var port = ((IPEndPoint)silent.LocalEndpoint).Port;

        var result = await CliProcess.RunAsync(
            Bound,
            "run",
            "--DriveSync:Storage:ConnectionString=" + DevelopmentStorage.ConnectionString(port, port, port),
            "--DriveSync:Drive:FolderId=root",
            "--DriveSync:Drive:BaseUri=http://127.0.0.1:9/",
            "--DriveSync:Drive:BearerToken=unused");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("drivesync run: storage is not usable:", result.Stderr, StringComparison.Ordinal);
        Assert.Contains($"DriveSync:Storage:ConnectionString: the blob endpoint http://127.0.0.1:{port}/devstoreaccount1 could not be reached", result.Stderr, StringComparison.Ordinal);
    }

    private static string[] Serve(string connectionString) =>
    [
        "serve", "--urls", "http://127.0.0.1:0", "--no-timer", "--no-workers",
        $"--DriveSync:Api:Keys:0={ServeHarness.Key}",
        "--DriveSync:Drive:FolderId=root",
        "--DriveSync:Drive:BaseUri=http://127.0.0.1:9/",
        "--DriveSync:Drive:BearerToken=unused",
        "--DriveSync:Storage:ConnectionString=" + connectionString,
    ];
}
