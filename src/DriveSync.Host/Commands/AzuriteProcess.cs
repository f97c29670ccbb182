using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using DriveSync.Pipeline.Storage;

namespace DriveSync.Host.Commands;

/// <summary>
/// Azurite from the repository's node_modules, on loopback ports the OS picks, with its data in a directory;
/// for <c>drivesync demo</c>. Disposing kills its process tree.
/// </summary>
internal sealed partial class AzuriteProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private readonly Process _process;

    private AzuriteProcess(Process process, int blobPort, int queuePort, int tablePort)
    {
        _process = process;
        ConnectionString = DevelopmentStorage.ConnectionString(blobPort, queuePort, tablePort);
    }

    /// <summary>A Shared Key connection string with explicit blob, queue and table endpoints (Azurite's published development key).</summary>
    public string ConnectionString { get; }

    public static async Task<AzuriteProcess> StartAsync(string repoRoot, string dataDirectory, CancellationToken cancellationToken)
    {
        var azurite = Path.Combine(repoRoot, "node_modules", ".bin", "azurite");
        if (!File.Exists(azurite))
            throw new FileNotFoundException($"Azurite is not installed at {azurite}; run 'npm ci' in {repoRoot}.");
        Directory.CreateDirectory(dataDirectory);
        var info = new ProcessStartInfo(azurite)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = dataDirectory,
        };
        foreach (var argument in new[]
        {
            "--blobHost", "127.0.0.1", "--blobPort", "0", "--queueHost", "127.0.0.1", "--queuePort", "0",
            "--tableHost", "127.0.0.1", "--tablePort", "0", "--location", dataDirectory,
            "--loose", "--disableTelemetry",
        })
            info.ArgumentList.Add(argument);

        var ports = new Dictionary<string, TaskCompletionSource<int>>
        {
            ["Blob"] = new(TaskCreationOptions.RunContinuationsAsynchronously),
            ["Queue"] = new(TaskCreationOptions.RunContinuationsAsynchronously),
            ["Table"] = new(TaskCreationOptions.RunContinuationsAsynchronously),
        };
        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) => OnLine(e.Data, ports);
        process.ErrorDataReceived += (_, e) => OnLine(e.Data, ports);
        process.Exited += (_, _) =>
        {
            foreach (var port in ports.Values)
                port.TrySetException(new InvalidOperationException("Azurite exited during start-up."));
        };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            var blobPort = await ports["Blob"].Task.WaitAsync(StartTimeout, cancellationToken);
            var queuePort = await ports["Queue"].Task.WaitAsync(StartTimeout, cancellationToken);
            var tablePort = await ports["Table"].Task.WaitAsync(StartTimeout, cancellationToken);
            return new AzuriteProcess(process, blobPort, queuePort, tablePort);
        }
        catch
        {
            process.Kill(entireProcessTree: true);
            process.Dispose();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
            _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(15));
        _process.Dispose();
    }

    private static void OnLine(string? line, Dictionary<string, TaskCompletionSource<int>> ports)
    {
        if (line is null || ListeningLine().Match(line) is not { Success: true } match)
            return;
        ports[match.Groups["service"].Value].TrySetResult(int.Parse(match.Groups["port"].Value, CultureInfo.InvariantCulture));
    }

    [GeneratedRegex(@"Azurite (?<service>Blob|Queue|Table) service is successfully listening at https?://[^:]+:(?<port>\d+)")]
    private static partial Regex ListeningLine();
}
