using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Azure;
using DriveSync.Testing;

namespace DriveSync.AzureStorage.Tests;

[Collection(AzuriteCollection.Name)]
public sealed class AuthorizationTests(AzuriteFixture azurite)
{
    private const string WrongKey = "d3JvbmdrZXl3cm9uZ2tleXdyb25na2V5d3JvbmdrZXl3cm9uZ2tleXdyb25na2V5d3Jvbmc=";

    [Fact]
    public async Task CreateIfNotExistsAsync_WrongAccountKey_Throws403ThatStopsTheRunAndHidesTheKey()
    {
        using var cts = TestTimeout.Start();
        var connectionString = azurite.ConnectionString.Replace(StorageConnection.DevelopmentAccountKey, WrongKey, StringComparison.Ordinal);
        var client = new StorageAccountClient(StorageConnection.Parse(connectionString));

        var error = await Assert.ThrowsAsync<StorageRequestException>(
            () => client.GetBlobContainerClient(TestNames.Unique("auth")).CreateIfNotExistsAsync(cts.Token));

        Assert.Equal(403, error.Status);
        Assert.Contains(error.ErrorCode, new[] { "AuthenticationFailed", "AuthorizationFailure" });
        Assert.Contains("Create Container failed: 403", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(WrongKey, error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(WrongKey[..20], error.ToString(), StringComparison.Ordinal);
        Assert.Equal(StorageFailureAction.StopRun, StorageFailureClassifier.Classify(error));
    }

    [Fact]
    public async Task SendMessageAsync_WrongAccountKey_Throws403OnTheQueueServiceToo()
    {
        using var cts = TestTimeout.Start();
        var connectionString = azurite.ConnectionString.Replace(StorageConnection.DevelopmentAccountKey, WrongKey, StringComparison.Ordinal);
        var client = new StorageAccountClient(StorageConnection.Parse(connectionString));

        var error = await Assert.ThrowsAsync<StorageRequestException>(
            () => client.GetQueueClient(TestNames.Unique("auth")).CreateIfNotExistsAsync(cts.Token));

        Assert.Equal(403, error.Status);
        Assert.DoesNotContain(WrongKey, error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AccountSas_ValidSignature_AuthorizesBlobAndQueueOperations()
    {
        using var cts = TestTimeout.Start();
        var sas = AccountSas(StorageConnection.DevelopmentAccountKey);
        var client = new StorageAccountClient(StorageConnection.Parse(
            $"BlobEndpoint={azurite.BlobEndpoint};QueueEndpoint={azurite.QueueEndpoint};SharedAccessSignature={sas}"));
        var container = client.GetBlobContainerClient(TestNames.Unique("sas"));
        var queue = client.GetQueueClient(TestNames.Unique("sas"));

        await container.CreateIfNotExistsAsync(cts.Token);
        await container.UploadAsync("doc", TestData.Text("via sas"), cancellationToken: cts.Token);
        await queue.CreateIfNotExistsAsync(cts.Token);
        await queue.SendMessageAsync("hello", cancellationToken: cts.Token);

        Assert.Equal(StorageCredentialKind.Sas, client.Connection.CredentialKind);
        Assert.Equal("via sas", await TestData.DownloadTextAsync(container, "doc", cts.Token));
        Assert.Equal("hello", Assert.Single(await queue.PeekMessagesAsync(1, cts.Token)).MessageText);
    }

    [Fact]
    public async Task AccountSas_SignedWithWrongKey_Throws403WithoutTheSignature()
    {
        using var cts = TestTimeout.Start();
        var sas = AccountSas(WrongKey);
        var signature = Uri.UnescapeDataString(sas[(sas.IndexOf("sig=", StringComparison.Ordinal) + 4)..]);
        var client = new StorageAccountClient(StorageConnection.Parse(
            $"BlobEndpoint={azurite.BlobEndpoint};QueueEndpoint={azurite.QueueEndpoint};SharedAccessSignature={sas}"));

        var error = await Assert.ThrowsAsync<StorageRequestException>(
            () => client.GetBlobContainerClient(TestNames.Unique("sas")).CreateIfNotExistsAsync(cts.Token));

        Assert.Equal(403, error.Status);
        Assert.DoesNotContain(signature, error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(Uri.EscapeDataString(signature), error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateIfNotExistsAsync_NothingListening_ThrowsTransportFailureClassifiedRetry()
    {
        using var cts = TestTimeout.Start();
        var port = FreePort.Next();
        var client = new StorageAccountClient(
            StorageConnection.Parse(
                $"AccountName=devstoreaccount1;AccountKey={StorageConnection.DevelopmentAccountKey};"
                + $"BlobEndpoint=http://127.0.0.1:{port}/devstoreaccount1;QueueEndpoint=http://127.0.0.1:{port}/devstoreaccount1"),
            new StorageClientOptions { MaxRetries = 1, RetryDelay = TimeSpan.FromMilliseconds(10) });

        var error = await Assert.ThrowsAsync<AggregateException>(
            () => client.GetBlobContainerClient(TestNames.Unique("down")).CreateIfNotExistsAsync(cts.Token));

        Assert.Equal(2, error.InnerExceptions.Count);
        Assert.All(error.InnerExceptions, e => Assert.Equal(0, Assert.IsType<RequestFailedException>(e).Status));
        Assert.Equal(StorageFailureAction.Retry, StorageFailureClassifier.Classify(error));
        Assert.DoesNotContain(StorageConnection.DevelopmentAccountKey, error.ToString(), StringComparison.Ordinal);
    }

    /// <summary>An account SAS (service version 2019-12-12) for blob and queue, all resource types, per the REST reference.</summary>
    private static string AccountSas(string base64Key)
    {
        var expiry = DateTimeOffset.UtcNow.AddHours(1).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
        const string permissions = "rwdlacup";
        const string services = "bq";
        const string resourceTypes = "sco";
        const string version = "2019-12-12";
        var stringToSign = string.Join('\n', StorageConnection.DevelopmentAccountName, permissions, services, resourceTypes, string.Empty, expiry, string.Empty, "https,http", version, string.Empty);
        var signature = Convert.ToBase64String(HMACSHA256.HashData(Convert.FromBase64String(base64Key), Encoding.UTF8.GetBytes(stringToSign)));
        return $"sv={version}&ss={services}&srt={resourceTypes}&sp={permissions}&se={Uri.EscapeDataString(expiry)}&spr=https,http&sig={Uri.EscapeDataString(signature)}";
    }
}
