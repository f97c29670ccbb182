using System.Security.Cryptography;
using DriveSync.DriveEmulator;
using DriveSync.Testing;

namespace DriveSync.GoogleDrive.Tests;

/// <summary>An emulator on a loopback port and a Drive client pointed at it over real HTTP.</summary>
internal sealed class DriveHarness : IAsyncDisposable
{
    public const string Token = "ya29.test-bearer-5b1d0c7e9a";

    private DriveHarness(DriveEmulatorServer emulator, DriveOptions options, DrivePacer pacer, DriveClient client, LogCapture logs)
    {
        Emulator = emulator;
        Options = options;
        Pacer = pacer;
        Client = client;
        Logs = logs;
    }

    public DriveEmulatorServer Emulator { get; }

    public EmulatorStore Store => Emulator.Store;

    public DriveOptions Options { get; }

    public DrivePacer Pacer { get; }

    public DriveClient Client { get; }

    public LogCapture Logs { get; }

    /// <summary>Fast-retrying options against <paramref name="emulator"/>, unthrottled unless a test says otherwise.</summary>
    public static DriveOptions FastOptions(DriveEmulatorServer emulator) => new()
    {
        BaseUri = emulator.BaseUri,
        BearerToken = Token,
        FolderId = emulator.Store.RootFolderId,
        RequestsPerSecond = 5000,
        Burst = 5000,
        MaxRetries = 8,
        RetryBaseDelay = TimeSpan.FromMilliseconds(10),
        RetryMaxDelay = TimeSpan.FromMilliseconds(200),
        PerAttemptTimeout = TimeSpan.FromSeconds(10),
        DownloadAttemptTimeout = TimeSpan.FromSeconds(10),
        CircuitMinimumThroughput = 1000,
    };

    public static async Task<DriveHarness> StartAsync(
        CancellationToken cancellationToken,
        Action<DriveOptions>? configure = null,
        DriveEmulatorOptions? emulatorOptions = null,
        TimeProvider? clientTime = null)
    {
        var emulator = await DriveEmulatorServer.StartAsync(emulatorOptions ?? new DriveEmulatorOptions { BearerToken = Token }, cancellationToken);
        var options = FastOptions(emulator);
        configure?.Invoke(options);
        var logs = new LogCapture();
        var pacer = new DrivePacer(options, clientTime, logs.For<DrivePacer>());
        var client = new DriveClient(options, pacer, logs.For<DriveClient>(), clientTime);
        return new DriveHarness(emulator, options, pacer, client, logs);
    }

    public DriveFolderLister Lister() => new(Client, Options, Logs.For<DriveFolderLister>());

    public async Task<List<DriveFile>> ListAllAsync(CancellationToken cancellationToken)
    {
        var lister = Lister();
        var files = new List<DriveFile>();
        var cursor = lister.Start();
        while (!cursor.IsComplete)
        {
            var page = await lister.NextPageAsync(cursor, cancellationToken);
            files.AddRange(page.Files);
            cursor = page.Next;
        }

        return files;
    }

    public static byte[] Content(int seed, int length)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    public static string Md5(byte[] bytes) => Convert.ToHexStringLower(MD5.HashData(bytes));

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        Pacer.Dispose();
        await Emulator.DisposeAsync();
    }
}
