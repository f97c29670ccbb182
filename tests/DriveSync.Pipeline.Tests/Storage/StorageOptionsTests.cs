using DriveSync.Pipeline.Storage;

namespace DriveSync.Pipeline.Tests.Storage;

public sealed class StorageOptionsTests
{
    private const string Key = "c2VjcmV0LWtleS1ieXRlcy10aGF0LWFyZS1sb25nLWVub3VnaA==";

    public static TheoryData<string> ValidConnectionStrings => new()
    {
        "UseDevelopmentStorage=true",
        DevelopmentStorage.ConnectionString(41000, 41001, 41002),
        $"DefaultEndpointsProtocol=https;AccountName=mystore;AccountKey={Key};EndpointSuffix=core.windows.net",
        "BlobEndpoint=https://mystore.blob.core.windows.net;QueueEndpoint=https://mystore.queue.core.windows.net;"
            + "TableEndpoint=https://mystore.table.core.windows.net;SharedAccessSignature=sv=2024-11-04&ss=bqt&srt=sco&sp=rwdlacup&sig=SIGNATURE",
    };

    public static TheoryData<string, string> MalformedConnectionStrings => new()
    {
        { "garbage", "part 1 is not of the form Name=Value" },
        { "UseDevelopmentStorage=false", "UseDevelopmentStorage must be 'true'" },
        { $"AccountName=mystore;AccountKey={Key};AccountKey={Key}", "AccountKey appears more than once" },
        { "AccountName=mystore;EndpointSuffix=core.windows.net", "give AccountKey or SharedAccessSignature" },
        { $"AccountKey={Key}", "AccountName is missing" },
        { "AccountName=mystore;AccountKey=not*base64*SECRET", "AccountKey is not valid base64" },
        { $"DefaultEndpointsProtocol=ftp;AccountName=mystore;AccountKey={Key}", "DefaultEndpointsProtocol must be" },
        { $"AccountName=devstoreaccount1;AccountKey={Key};BlobEndpoint=http://127.0.0.1:1/devstoreaccount1;QueueEndpoint=http://127.0.0.1:2/devstoreaccount1", "but not TableEndpoint" },
        { $"AccountName=mystore;AccountKey={Key};BlobEndpoint=notauri;QueueEndpoint=notauri;TableEndpoint=notauri", "BlobEndpoint is not an absolute http(s) URI" },
    };

    [Theory]
    [MemberData(nameof(ValidConnectionStrings))]
    public void Validate_UsableConnectionString_HasNoErrors(string connectionString) =>
        Assert.Empty(new StorageOptions { ConnectionString = connectionString }.Validate());

    [Theory]
    [MemberData(nameof(MalformedConnectionStrings))]
    public void Validate_MalformedConnectionString_NamesTheSettingAndThePartWithoutSecrets(string connectionString, string expected)
    {
        var error = Assert.Single(new StorageOptions { ConnectionString = connectionString }.Validate());

        Assert.StartsWith("DriveSync:Storage:ConnectionString ", error, StringComparison.Ordinal);
        Assert.Contains(expected, error, StringComparison.Ordinal);
        Assert.DoesNotContain(Key, error, StringComparison.Ordinal);
        Assert.DoesNotContain("SECRET", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_NothingSet_AsksForConnectionStringOrBlobServiceUri() =>
        Assert.Equal(["DriveSync:Storage:ConnectionString or DriveSync:Storage:BlobServiceUri must be set."], new StorageOptions().Validate());

    [Fact]
    public void Validate_BlobUriAlone_NamesQueueServiceUriAndDerivesTheTableUri()
    {
        var options = new StorageOptions { BlobServiceUri = new Uri("https://mystore.blob.core.windows.net/") };

        Assert.Equal(["DriveSync:Storage:QueueServiceUri must be set when DriveSync:Storage:BlobServiceUri is used."], options.Validate());
        Assert.Equal(new Uri("https://mystore.table.core.windows.net/"), options.EffectiveTableServiceUri);
    }

    [Fact]
    public void Validate_BlobUriNotUnderABlobHost_NamesTableServiceUri()
    {
        var options = new StorageOptions { BlobServiceUri = new Uri("http://127.0.0.1:10000/devstoreaccount1"), QueueServiceUri = new Uri("http://127.0.0.1:10001/devstoreaccount1") };

        Assert.Contains(options.Validate(), e => e.StartsWith("DriveSync:Storage:TableServiceUri must be set", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_OutOfRangeTransportSettings_NamesEachSetting()
    {
        var options = new StorageOptions
        {
            ConnectionString = "UseDevelopmentStorage=true",
            MaxRetries = 21,
            RetryDelay = TimeSpan.FromMinutes(5),
            NetworkTimeout = TimeSpan.Zero,
            BlockSizeBytes = 10,
            SingleUploadThresholdBytes = int.MaxValue,
            UploadConcurrency = 0,
            ReadinessTimeout = TimeSpan.FromMinutes(1),
        };

        var errors = options.Validate();

        foreach (var setting in new[] { "MaxRetries", "RetryDelay", "NetworkTimeout", "BlockSizeBytes", "SingleUploadThresholdBytes", "UploadConcurrency", "ReadinessTimeout" })
        {
            Assert.Contains(errors, e => e.StartsWith("DriveSync:Storage:" + setting + " ", StringComparison.Ordinal));
        }
    }
}
