using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using DriveSync.AzureStorage;

namespace DriveSync.Host.Commands;

/// <summary>
/// Azurite from the repository's node_modules, on loopback ports the OS picks, with its data in a directory;
/// for <c>drivesync demo</c>. Disposing kills its process tree.
/// </summary>
internal sealed partial class AzuriteProcess : IAsyncDisposable
{
    private const string AccountName = StorageConnection.DevelopmentAccountName;
    private const string AccountKey = StorageConnection.DevelopmentAccountKey;
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private readonly Process _process;

    private AzuriteProcess(Process process, int blobPort, int queuePort, int tablePort)
    {
        _process = process;
        ConnectionString = $"DefaultEndpointsProtocol=http;AccountName={AccountName};AccountKey={AccountKey};"
            + $"BlobEndpoint=http://127.0.0.1:{blobPort}/{AccountName};QueueEndpoint=http://127.0.0.1:{queuePort}/{AccountName};"
            + $"TableEndpoint=http://127.0.0.1:{tablePort}/{AccountName};";
    }

    /// <summary>A Shared Key connection string with explicit endpoints (Azurite's published development key).</summary>
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
            "--skipApiVersionCheck", "--loose", "--disableTelemetry",
        })
            info.ArgumentList.Add(argument);

        var blob = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var queue = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var table = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) => OnLine(e.Data, blob, queue, table);
        process.ErrorDataReceived += (_, e) => OnLine(e.Data, blob, queue, table);
        process.Exited += (_, _) =>
        {
            blob.TrySetException(new InvalidOperationException("Azurite exited during start-up."));
            queue.TrySetException(new InvalidOperationException("Azurite exited during start-up."));
            table.TrySetException(new InvalidOperationException("Azurite exited during start-up."));
        };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            var blobPort = await blob.Task.WaitAsync(StartTimeout, cancellationToken);
            var queuePort = await queue.Task.WaitAsync(StartTimeout, cancellationToken);
            var tablePort = await table.Task.WaitAsync(StartTimeout, cancellationToken);
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

    private static void OnLine(string? line, TaskCompletionSource<int> blob, TaskCompletionSource<int> queue, TaskCompletionSource<int> table)
    {
        if (line is null || ListeningLine().Match(line) is not { Success: true } match)
            return;
        var port = int.Parse(match.Groups["port"].Value, CultureInfo.InvariantCulture);
        (match.Groups["service"].Value switch { "Blob" => blob, "Queue" => queue, _ => table }).TrySetResult(port);
    }

    [GeneratedRegex(@"Azurite (?<service>Blob|Queue|Table) service is successfully listening at https?://[^:]+:(?<port>\d+)")]
    private static partial Regex ListeningLine();
}
