namespace DriveSync.AzureStorage.Tests;

public sealed class StorageClientOptionsTests
{
    [Fact]
    public void Validate_DefaultsWithConnectionString_HasNoErrors()
    {
        var options = new StorageClientOptions { ConnectionString = "UseDevelopmentStorage=true" };

        Assert.Empty(options.Validate());
        Assert.Equal(4 * 1024 * 1024, options.BlockSizeBytes);
        Assert.Equal(4 * 1024 * 1024, options.SingleUploadThresholdBytes);
        Assert.Equal(5, options.MaxRetries);
    }

    [Theory]
    [InlineData("BlockSizeBytes", 512, "DriveSync:Storage:BlockSizeBytes")]
    [InlineData("BlockSizeBytes", 9 * 1024 * 1024, "DriveSync:Storage:BlockSizeBytes")]
    [InlineData("SingleUploadThresholdBytes", -1, "DriveSync:Storage:SingleUploadThresholdBytes")]
    [InlineData("SingleUploadThresholdBytes", 9 * 1024 * 1024, "DriveSync:Storage:SingleUploadThresholdBytes")]
    [InlineData("MaxRetries", -1, "DriveSync:Storage:MaxRetries")]
    [InlineData("MaxRetries", 21, "DriveSync:Storage:MaxRetries")]
    public void Validate_OutOfRangeNumber_NamesTheSetting(string property, int value, string expected)
    {
        var options = new StorageClientOptions { ConnectionString = "UseDevelopmentStorage=true" };
        typeof(StorageClientOptions).GetProperty(property)!.SetValue(options, value);

        var error = Assert.Single(options.Validate());

        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_BadTimes_NamesEachSetting()
    {
        var options = new StorageClientOptions
        {
            ConnectionString = "UseDevelopmentStorage=true",
            RetryDelay = TimeSpan.FromMinutes(5),
            NetworkTimeout = TimeSpan.Zero,
        };

        var errors = options.Validate();

        Assert.Equal(2, errors.Count);
        Assert.Contains(errors, e => e.Contains("DriveSync:Storage:RetryDelay", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("DriveSync:Storage:NetworkTimeout", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_NoConnection_AsksForConnectionStringOrUri()
    {
        var error = Assert.Single(new StorageClientOptions().Validate());

        Assert.Contains("DriveSync:Storage:ConnectionString or DriveSync:Storage:BlobServiceUri", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_BlobUriWithoutQueueUri_NamesQueueServiceUri()
    {
        var error = Assert.Single(new StorageClientOptions { BlobServiceUri = new Uri("https://a.blob.core.windows.net") }.Validate());

        Assert.Contains("DriveSync:Storage:QueueServiceUri", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_InvalidBlockSize_ThrowsArgumentExceptionNamingIt()
    {
        var error = Assert.Throws<ArgumentException>(() => new StorageAccountClient(
            StorageConnection.Parse("UseDevelopmentStorage=true"), new StorageClientOptions { BlockSizeBytes = 1 }));

        Assert.Contains("DriveSync:Storage:BlockSizeBytes", error.Message, StringComparison.Ordinal);
    }
}
