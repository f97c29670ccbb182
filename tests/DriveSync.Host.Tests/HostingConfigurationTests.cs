using DriveSync.Host.Api;
using DriveSync.Host.Configuration;
using DriveSync.Host.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace DriveSync.Host.Tests;

public sealed class HostingConfigurationTests
{
    [Fact]
    public void Build_CommandLineAndOptions_LaterSourcesWin()
    {
        Environment.SetEnvironmentVariable("DriveSync__Serve__Urls", "http://127.0.0.1:1111");
        Environment.SetEnvironmentVariable("DriveSync__Timer__Schedule", "0 0 1 * * *");
        try
        {
            var configuration = DriveSyncConfiguration.Build(
                ["--DriveSync:Timer:Schedule=0 0 3 * * *", "--DriveSync:Api:Keys:0", "key-from-command-line-0001"],
                new Dictionary<string, string?> { ["DriveSync:Serve:Urls"] = "http://127.0.0.1:2222", ["DriveSync:Timer:Enabled"] = null });

            Assert.Equal("http://127.0.0.1:2222", configuration["DriveSync:Serve:Urls"]);
            Assert.Equal("0 0 3 * * *", configuration["DriveSync:Timer:Schedule"]);
            Assert.Equal("key-from-command-line-0001", configuration["DriveSync:Api:Keys:0"]);
            Assert.Null(configuration["DriveSync:Timer:Enabled"]);
        }
        finally
        {
            Environment.SetEnvironmentVariable("DriveSync__Serve__Urls", null);
            Environment.SetEnvironmentVariable("DriveSync__Timer__Schedule", null);
        }
    }

    [Fact]
    public async Task ValidateDriveSyncOptions_EmptyConfiguration_NamesEveryMissingSetting()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["DriveSync:Serve:Urls"] = "ftp://nowhere",
            ["DriveSync:Timer:Schedule"] = "0 2 * * *",
        }).Build();
        await using var app = ServeApplication.Build(configuration);

        var errors = app.Services.ValidateDriveSyncOptions();

        Assert.Contains(errors, e => e.StartsWith("DriveSync:Api:Keys", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("DriveSync:Serve:Urls", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("DriveSync:Timer:Schedule", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("DriveSync:Drive:FolderId", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("DriveSync:Storage:ConnectionString", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("x-functions-key-0123456789", true)]
    [InlineData("second-key-abcdefghijklmnop", true)]
    [InlineData("x-functions-key-012345678", false)]
    [InlineData("x-functions-key-0123456789X", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void IsAuthorized_PresentedKey_MatchesOnlyAConfiguredKey(string? presented, bool expected)
    {
        var options = new ApiOptions { Keys = ["x-functions-key-0123456789", "second-key-abcdefghijklmnop"] };
        var authorizer = new ApiKeyAuthorizer(new StaticOptionsMonitor<ApiOptions>(options));

        Assert.Equal(expected, authorizer.IsAuthorized(presented));
    }

    [Fact]
    public void Validate_ShortKeyOrNoKey_NamesTheSetting()
    {
        Assert.Contains(new ApiOptions().Validate(keysRequired: true), e => e.StartsWith("DriveSync:Api:Keys must", StringComparison.Ordinal));
        Assert.Empty(new ApiOptions().Validate(keysRequired: false));
        Assert.Contains(new ApiOptions { Keys = ["short"] }.Validate(keysRequired: true), e => e.StartsWith("DriveSync:Api:Keys:0", StringComparison.Ordinal));
    }

    private sealed class StaticOptionsMonitor<T>(T value) : IOptionsMonitor<T>
    {
        public T CurrentValue => value;

        public T Get(string? name) => value;

        public IDisposable? OnChange(Action<T, string?> listener) => null;
    }
}
