using Azure.Core;

namespace DriveSync.AzureStorage.Tests;

public sealed class StorageConnectionTests
{
    private const string Key = StorageConnection.DevelopmentAccountKey;

    public static TheoryData<string, string, string, string, StorageCredentialKind> ValidStrings => new()
    {
        { "UseDevelopmentStorage=true", "devstoreaccount1", "http://127.0.0.1:10000/devstoreaccount1", "http://127.0.0.1:10001/devstoreaccount1", StorageCredentialKind.SharedKey },
        { "UseDevelopmentStorage=true;DevelopmentStorageProxyUri=http://azurite", "devstoreaccount1", "http://azurite:10000/devstoreaccount1", "http://azurite:10001/devstoreaccount1", StorageCredentialKind.SharedKey },
        { $"DefaultEndpointsProtocol=https;AccountName=acct1;AccountKey={Key};EndpointSuffix=core.windows.net", "acct1", "https://acct1.blob.core.windows.net/", "https://acct1.queue.core.windows.net/", StorageCredentialKind.SharedKey },
        { $"AccountName=acct1;AccountKey={Key}", "acct1", "https://acct1.blob.core.windows.net/", "https://acct1.queue.core.windows.net/", StorageCredentialKind.SharedKey },
        { $"defaultendpointsprotocol=http;accountname=acct2;accountkey={Key};endpointsuffix=core.chinacloudapi.cn;", "acct2", "http://acct2.blob.core.chinacloudapi.cn/", "http://acct2.queue.core.chinacloudapi.cn/", StorageCredentialKind.SharedKey },
        { $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={Key};BlobEndpoint=http://127.0.0.1:5000/devstoreaccount1;QueueEndpoint=http://127.0.0.1:5001/devstoreaccount1;", "devstoreaccount1", "http://127.0.0.1:5000/devstoreaccount1", "http://127.0.0.1:5001/devstoreaccount1", StorageCredentialKind.SharedKey },
        { "BlobEndpoint=https://acct3.blob.core.windows.net;QueueEndpoint=https://acct3.queue.core.windows.net;SharedAccessSignature=sv=2021-12-02&ss=bq&sig=abc%3D", "acct3", "https://acct3.blob.core.windows.net/", "https://acct3.queue.core.windows.net/", StorageCredentialKind.Sas },
        { "AccountName=acct4;SharedAccessSignature=?sv=2021-12-02&sig=abc", "acct4", "https://acct4.blob.core.windows.net/", "https://acct4.queue.core.windows.net/", StorageCredentialKind.Sas },
    };

    [Theory]
    [MemberData(nameof(ValidStrings))]
    public void Parse_ValidString_GivesAccountEndpointsAndCredentialKind(
        string connectionString, string account, string blob, string queue, StorageCredentialKind kind)
    {
        var connection = StorageConnection.Parse(connectionString);

        Assert.Equal(account, connection.AccountName);
        Assert.Equal(new Uri(blob), connection.BlobEndpoint);
        Assert.Equal(new Uri(queue), connection.QueueEndpoint);
        Assert.Equal(kind, connection.CredentialKind);
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("   ", "empty")]
    public void Parse_BlankString_ThrowsArgumentException(string connectionString, string expected)
    {
        var error = Assert.Throws<ArgumentException>(() => StorageConnection.Parse(connectionString));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("UseDevelopmentStorage=false", "UseDevelopmentStorage")]
    [InlineData("UseDevelopmentStorage=true;DevelopmentStorageProxyUri=not a uri", "DevelopmentStorageProxyUri")]
    [InlineData("AccountName=acct1", "AccountKey or SharedAccessSignature is missing")]
    [InlineData("AccountKey=" + Key, "AccountName is missing")]
    [InlineData("AccountName=acct1;AccountKey=" + Key + ";SharedAccessSignature=sig=x", "not both")]
    [InlineData("AccountName=acct1;AccountKey=not*base64!", "AccountKey is not valid base64")]
    [InlineData("AccountName=Bad_Name;AccountKey=" + Key, "AccountName must be")]
    [InlineData("DefaultEndpointsProtocol=ftp;AccountName=acct1;AccountKey=" + Key, "DefaultEndpointsProtocol")]
    [InlineData("AccountName=acct1;AccountKey=" + Key + ";BlobEndpoint=relative/path", "BlobEndpoint is not an absolute")]
    [InlineData("AccountName=acct1;AccountKey=" + Key + ";QueueEndpoint=https://q.example?sig=secret", "QueueEndpoint must not carry a query")]
    [InlineData("BlobEndpoint=https://a.blob.core.windows.net;SharedAccessSignature=sig=x", "QueueEndpoint is missing")]
    [InlineData("BlobEndpoint=https://a.blob.core.windows.net;QueueEndpoint=https://a.queue.core.windows.net;SharedAccessSignature=sv=1&se=2", "no sig=")]
    [InlineData("AccountName=acct1;AccountKey=" + Key + ";AccountName=acct2", "AccountName appears more than once")]
    [InlineData("AccountName=acct1;secretvalue", "part 2 is not of the form Name=Value")]
    public void Parse_InvalidString_ThrowsFormatExceptionNamingThePartWithoutSecrets(string connectionString, string expected)
    {
        var error = Assert.Throws<FormatException>(() => StorageConnection.Parse(connectionString));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Key, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("not*base64", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ToString_SharedKeyAndSas_NeverContainsTheSecret()
    {
        var sharedKey = StorageConnection.Parse($"AccountName=acct1;AccountKey={Key}");
        var sas = StorageConnection.Parse("AccountName=acct1;SharedAccessSignature=sv=1&sig=SECRETSIG");

        Assert.DoesNotContain(Key, sharedKey.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("SECRETSIG", sas.ToString(), StringComparison.Ordinal);
        Assert.Contains("acct1", sharedKey.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void FromTokenCredential_HttpsEndpoints_UsesTokenKindAndHostAccountName()
    {
        var connection = StorageConnection.FromTokenCredential(
            new Uri("https://prodacct.blob.core.windows.net"), new Uri("https://prodacct.queue.core.windows.net"), new StaticToken());

        Assert.Equal(StorageCredentialKind.Token, connection.CredentialKind);
        Assert.Equal("prodacct", connection.AccountName);
    }

    [Fact]
    public void Create_OptionsWithServiceUrisAndCredential_BuildsTokenClient()
    {
        var client = StorageAccountClient.Create(
            new StorageClientOptions { BlobServiceUri = new Uri("https://a1.blob.core.windows.net"), QueueServiceUri = new Uri("https://a1.queue.core.windows.net") },
            new StaticToken());

        Assert.Equal(StorageCredentialKind.Token, client.Connection.CredentialKind);
        Assert.Equal("a1", client.Connection.AccountName);
        Assert.Equal("jobs", client.GetQueueClient("jobs").Name);
    }

    [Fact]
    public void Create_InvalidOptions_ThrowsNamingEverySetting()
    {
        var error = Assert.Throws<ArgumentException>(() => StorageAccountClient.Create(new StorageClientOptions { BlockSizeBytes = 0 }));

        Assert.Contains("DriveSync:Storage:ConnectionString", error.Message, StringComparison.Ordinal);
        Assert.Contains("DriveSync:Storage:BlockSizeBytes", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ab")]
    [InlineData("Upper")]
    [InlineData("double--hyphen")]
    [InlineData("-lead")]
    [InlineData("under_score")]
    public void GetBlobContainerClient_InvalidName_ThrowsArgumentException(string name)
    {
        var client = new StorageAccountClient(StorageConnection.Parse("UseDevelopmentStorage=true"));

        Assert.Throws<ArgumentException>(() => client.GetBlobContainerClient(name));
        Assert.Throws<ArgumentException>(() => client.GetQueueClient(name));
    }

    private sealed class StaticToken : TokenCredential
    {
        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            new("token", DateTimeOffset.MaxValue);

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            ValueTask.FromResult(GetToken(requestContext, cancellationToken));
    }
}
