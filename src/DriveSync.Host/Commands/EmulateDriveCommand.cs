using System.CommandLine;
using System.Runtime.InteropServices;
using DriveSync.DriveEmulator;

namespace DriveSync.Host.Commands;

/// <summary>`drivesync emulate-drive`: Serve a local folder as a Google Drive v3 API (a development tool and test double).</summary>
internal static class EmulateDriveCommand
{
    private const string Description = """
        Serve a local folder as a Google Drive v3 API on 127.0.0.1 (a development tool and test double), until
        Ctrl+C or SIGTERM (exit code 0; a second signal stops at once).

        Prints the base URI, the root folder id and the token URI to point DriveSync at, e.g.
          drivesync emulate-drive --root samples/drive --port 8090
          export DriveSync__Drive__BaseUri=http://127.0.0.1:8090/ DriveSync__Drive__FolderId=root

        Exit code: 0 stopped by Ctrl+C or SIGTERM; 1 the command line did not parse (e.g. no --root);
        2 the --root directory does not exist or another value is invalid.
        """;

    public static Command Create()
    {
        var rootOption = new Option<DirectoryInfo>("--root")
        {
            Description = "Directory to serve: subdirectories become folders; Name.gdoc.docx / Name.gsheet.xlsx / Name.gslides.pptx become Google Docs/Sheets/Slides that only export.",
            Required = true,
        };
        var portOption = new Option<int>("--port")
        {
            Description = "Loopback port to listen on; 0 picks a free port (printed at start).",
            DefaultValueFactory = _ => 0,
        };
        var tokenOption = new Option<string?>("--token")
        {
            Description = "Bearer token every request must carry, also what the /token endpoint issues. Default: no check (/token issues emulator-token).",
        };
        var command = new Command("emulate-drive", Description)
        {
            rootOption,
            portOption,
            tokenOption,
        };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var root = parseResult.GetValue(rootOption)!;
            var options = new DriveEmulatorOptions { RootDirectory = root.FullName, Port = parseResult.GetValue(portOption), BearerToken = parseResult.GetValue(tokenOption) };
            var errors = options.Validate();
            if (errors.Count > 0)
            {
                foreach (var error in errors)
                {
                    await Console.Error.WriteLineAsync($"drivesync emulate-drive: {error}");
                }

                return 2;
            }

            using var termination = new TerminationSignal(cancellationToken);
            await using var server = await DriveEmulatorServer.StartAsync(options, termination.Token);
            Console.WriteLine($"Drive emulator serving {server.Store.Count} items from {root.FullName}");
            Console.WriteLine($"Base URI:  {server.BaseUri}   (DriveSync__Drive__BaseUri)");
            Console.WriteLine($"Folder id: {server.Store.RootFolderId}   (DriveSync__Drive__FolderId)");
            Console.WriteLine($"Token URI: {server.TokenUri}");
            Console.WriteLine("Press Ctrl+C to stop.");
            try
            {
                await Task.Delay(Timeout.Infinite, termination.Token);
            }
            catch (OperationCanceledException) when (termination.Token.IsCancellationRequested)
            {
                Console.WriteLine($"Stopped after {server.Counters.TotalRequests} API requests.");
            }

            return 0;
        });
        return command;
    }
}

/// <summary>
/// A token cancelled by the first SIGTERM or SIGINT (Ctrl+C), which it keeps from killing the process so the command
/// can stop its server and exit 0; a second signal is left to the runtime (immediate termination).
/// Needed because System.CommandLine 2.0.0 cancels an action's token on these signals only when
/// <c>InvocationConfiguration.ProcessTerminationTimeout</c> is set (its default is null), and the Drive emulator's
/// embedded host swallows SIGTERM without stopping anything this command waits on.
/// </summary>
internal sealed class TerminationSignal : IDisposable
{
    private readonly CancellationTokenSource source;
    private readonly PosixSignalRegistration[] registrations;
    private int signals;

    public TerminationSignal(CancellationToken outer)
    {
        source = CancellationTokenSource.CreateLinkedTokenSource(outer);
        registrations = [PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal), PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal)];
    }

    /// <summary>Cancelled by the first signal or by the outer token.</summary>
    public CancellationToken Token => source.Token;

    public void Dispose()
    {
        foreach (var registration in registrations)
        {
            registration.Dispose();
        }

        source.Dispose();
    }

    private void OnSignal(PosixSignalContext context)
    {
        if (Interlocked.Increment(ref signals) > 1)
        {
            return;
        }

        context.Cancel = true;
        try
        {
            _ = source.CancelAsync();
        }
        catch (ObjectDisposedException)
        {
            context.Cancel = false;
        }
    }
}
