using System.Diagnostics;
using System.Text.RegularExpressions;
using DriveSync.Pipeline.Storage;
using Xunit;

namespace DriveSync.Testing;

/// <summary>
/// Starts Azurite (<c>node_modules/.bin/azurite</c>, run <c>npm ci</c> first) on OS-chosen loopback ports and stops
/// its process tree on dispose. In-memory by default; <see cref="StartAsync"/> with <c>persistToDisk: true</c> keeps data
/// in a temp directory so that <see cref="RestartAsync"/> brings it back. It runs with <c>--skipApiVersionCheck</c> unless
/// started with <c>checkApiVersion: true</c>, which is how a user starts it (the clients pin versions it accepts).
/// <para>
/// xunit collection fixtures are per assembly: each test project declares its own
/// <c>[CollectionDefinition("Azurite")] public sealed class AzuriteCollection : ICollectionFixture&lt;AzuriteFixture&gt;;</c>
/// and marks its classes <c>[Collection("Azurite")]</c>. Tests share one Azurite, so use unique container/queue names.
/// </para>
/// </summary>
public sealed partial class AzuriteFixture : IAsyncLifetime
{
    // Three minutes: on the shared two-core box (load average 50-60) Azurite took ~55 s just to listen.
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(3);

    private readonly bool _persistToDisk;
    private readonly bool _checkApiVersion;
    private string? _location;
    private Process? _process;
    private int _blobPort;
    private int _queuePort;
    private int _tablePort;

    /// <summary>An in-memory Azurite (data is lost on restart).</summary>
    public AzuriteFixture()
        : this(persistToDisk: false, checkApiVersion: false)
    {
    }

    private AzuriteFixture(bool persistToDisk, bool checkApiVersion)
    {
        _persistToDisk = persistToDisk;
        _checkApiVersion = checkApiVersion;
    }

    /// <summary>Blob endpoint, e.g. <c>http://127.0.0.1:41234/devstoreaccount1</c>.</summary>
    public Uri BlobEndpoint => new($"http://127.0.0.1:{_blobPort}/{DevelopmentStorage.AccountName}");

    /// <summary>Queue endpoint.</summary>
    public Uri QueueEndpoint => new($"http://127.0.0.1:{_queuePort}/{DevelopmentStorage.AccountName}");

    /// <summary>Table endpoint.</summary>
    public Uri TableEndpoint => new($"http://127.0.0.1:{_tablePort}/{DevelopmentStorage.AccountName}");

    /// <summary>A full Shared Key connection string with the three endpoints and the emulator's well-known key.</summary>
    public string ConnectionString => DevelopmentStorage.ConnectionString(_blobPort, _queuePort, _tablePort);

    /// <summary>Clients for this Azurite through the product's factory; <paramref name="options"/> defaults to fast retries suited to tests.</summary>
    public StorageAccountClients CreateClients(StorageOptions? options = null)
    {
        options ??= new StorageOptions { MaxRetries = 2, RetryDelay = TimeSpan.FromMilliseconds(100) };
        options.ConnectionString = ConnectionString;
        return new StorageAccountClients(options);
    }

    /// <summary>
    /// Starts an Azurite outside xunit's fixture machinery; with <paramref name="persistToDisk"/> its data lives in a
    /// temp directory and survives <see cref="RestartAsync"/>; with <paramref name="checkApiVersion"/> it refuses API
    /// versions newer than it knows, as a user's Azurite does. Dispose it.
    /// </summary>
    public static async Task<AzuriteFixture> StartAsync(bool persistToDisk, bool checkApiVersion = false)
    {
        var fixture = new AzuriteFixture(persistToDisk, checkApiVersion);
        try
        {
            await fixture.InitializeAsync().ConfigureAwait(false);
            return fixture;
        }
        catch
        {
            await fixture.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Starts Azurite and waits until both services listen.</summary>
    public async ValueTask InitializeAsync()
    {
        if (_persistToDisk)
        {
            _location = Directory.CreateTempSubdirectory("azurite-").FullName;
        }

        await LaunchAsync().ConfigureAwait(false);
    }

    /// <summary>Stops Azurite and starts it again on the same ports (data survives only with disk persistence).</summary>
    public async Task RestartAsync()
    {
        await StopAsync().ConfigureAwait(false);
        await LaunchAsync().ConfigureAwait(false);
    }

    /// <summary>
    /// Stops Azurite (SIGTERM first when persisting to disk, so it saves its database; then kills the process tree);
    /// the endpoints stop answering until <see cref="RestartAsync"/>.
    /// </summary>
    public async Task StopAsync()
    {
        if (_process is null)
        {
            return;
        }

        try
        {
            if (_location is not null)
            {
                await ShutDownGracefullyAsync(_process).ConfigureAwait(false);
            }

            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }

            await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(15)).ConfigureAwait(false);
        }
        finally
        {
            _process.Dispose();
            _process = null;
        }
    }

    /// <summary>Stops Azurite and deletes its data directory.</summary>
    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        if (_location is not null && Directory.Exists(_location))
        {
            Directory.Delete(_location, recursive: true);
        }
    }

    private async Task LaunchAsync()
    {
        var azurite = RepoPaths.Azurite;
        if (!File.Exists(azurite))
        {
            throw new InvalidOperationException($"Azurite is not installed at {azurite}; run 'npm ci' in the repository root.");
        }

        var workDir = _location ?? Path.GetTempPath();
        var info = new ProcessStartInfo(azurite)
        {
            WorkingDirectory = workDir,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[]
        {
            "--blobHost", "127.0.0.1", "--blobPort", _blobPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--queueHost", "127.0.0.1", "--queuePort", _queuePort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--tableHost", "127.0.0.1", "--tablePort", _tablePort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--loose", "--silent", "--disableTelemetry",
        })
        {
            info.ArgumentList.Add(arg);
        }

        if (!_checkApiVersion)
        {
            info.ArgumentList.Add("--skipApiVersionCheck");
        }

        if (_location is null)
        {
            info.ArgumentList.Add("--inMemoryPersistence");
        }
        else
        {
            info.ArgumentList.Add("--location");
            info.ArgumentList.Add(_location);
        }

        var ready = new Dictionary<string, TaskCompletionSource<int>>
        {
            ["Blob"] = new(TaskCreationOptions.RunContinuationsAsynchronously),
            ["Queue"] = new(TaskCreationOptions.RunContinuationsAsynchronously),
            ["Table"] = new(TaskCreationOptions.RunContinuationsAsynchronously),
        };
        var output = new System.Collections.Concurrent.ConcurrentQueue<string>();
        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) => OnLine(e.Data, output, ready);
        process.ErrorDataReceived += (_, e) => OnLine(e.Data, output, ready);
        process.Exited += (_, _) =>
        {
            var error = new InvalidOperationException("Azurite exited during start-up: " + string.Join(" | ", output));
            foreach (var service in ready.Values)
            {
                service.TrySetException(error);
            }
        };
        process.Start();
        _process = process;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            _blobPort = await ready["Blob"].Task.WaitAsync(StartTimeout).ConfigureAwait(false);
            _queuePort = await ready["Queue"].Task.WaitAsync(StartTimeout).ConfigureAwait(false);
            _tablePort = await ready["Table"].Task.WaitAsync(StartTimeout).ConfigureAwait(false);
        }
        catch
        {
            await StopAsync().ConfigureAwait(false);
            throw;
        }
    }

    private static async Task ShutDownGracefullyAsync(Process process)
    {
        if (process.HasExited)
        {
            return;
        }

        using var signal = Process.Start(new ProcessStartInfo("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])
        {
            UseShellExecute = false,
        });
        if (signal is not null)
        {
            await signal.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
        }

        try
        {
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // Still running: the caller kills the process tree.
        }
    }

    private static void OnLine(
        string? line, System.Collections.Concurrent.ConcurrentQueue<string> output, Dictionary<string, TaskCompletionSource<int>> ready)
    {
        if (line is null)
        {
            return;
        }

        output.Enqueue(line);
        var match = ListeningLine().Match(line);
        if (match.Success)
        {
            ready[match.Groups["service"].Value].TrySetResult(int.Parse(match.Groups["port"].Value, System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    [GeneratedRegex(@"Azurite (?<service>Blob|Queue|Table) service is successfully listening at https?://[^:]+:(?<port>\d+)")]
    private static partial Regex ListeningLine();
}
