using System.Text.Json;

namespace DriveSync.Host.Tests.Cli;

public sealed class EmulateDriveCliTests
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task EmulateDrive_SigtermWithAnOpenConnection_ExitsZeroWithinSeconds()
    {
        using var dir = new TempDir();
        dir.Write("hello.txt", "hello\n"u8.ToArray());
        await using var cli = CliProcess.Start("emulate-drive", "--root", dir.Path, "--port", "0");
        var baseUri = new Uri((await cli.WaitForLineAsync("Base URI:", StartTimeout)).Trim().Split(' ')[0]);
        using var client = new HttpClient { BaseAddress = baseUri, Timeout = TimeSpan.FromSeconds(10) };
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));

        var list = JsonDocument.Parse(await client.GetStringAsync(new Uri("drive/v3/files", UriKind.Relative), cts.Token)).RootElement;
        await cli.TerminateAsync(StopTimeout);
        var exitCode = await cli.WaitForExitAsync(StopTimeout);

        Assert.Equal("hello.txt", list.GetProperty("files")[0].GetProperty("name").GetString());
        Assert.Equal(0, exitCode);
        Assert.Contains("Stopped after 1 API requests.", cli.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EmulateDrive_RootDoesNotExist_ExitsTwoNamingTheOption()
    {
        using var dir = new TempDir();

        var result = await CliProcess.RunAsync(StartTimeout, "emulate-drive", "--root", Path.Combine(dir.Path, "missing"));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--root", result.Stderr, StringComparison.Ordinal);
    }
}
