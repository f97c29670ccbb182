using System.CommandLine;
using DriveSync.DriveEmulator;

namespace DriveSync.Host.Commands;

/// <summary>`drivesync emulate-drive`: Serve a local folder as a Google Drive v3 API (a development tool and test double).</summary>
internal static class EmulateDriveCommand
{
    private const string Description = """
        Serve a local folder as a Google Drive v3 API on 127.0.0.1 (a development tool and test double), until
        Ctrl+C or SIGTERM (exit code 0).

        Prints the base URI, the root folder id and the token URI to point DriveSync at, e.g.
          drivesync emulate-drive --root samples/drive --port 8090
          export DriveSync__Drive__BaseUri=http://127.0.0.1:8090/ DriveSync__Drive__FolderId=root

        Exit code: 0 stopped by Ctrl+C or SIGTERM; 2 the command line did not parse (e.g. no --root),
        the --root directory does not exist or another value is invalid.
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

            await using var server = await DriveEmulatorServer.StartAsync(options, cancellationToken);
            Console.WriteLine($"Drive emulator serving {server.Store.Count} items from {root.FullName}");
            Console.WriteLine($"Base URI:  {server.BaseUri}   (DriveSync__Drive__BaseUri)");
            Console.WriteLine($"Folder id: {server.Store.RootFolderId}   (DriveSync__Drive__FolderId)");
            Console.WriteLine($"Token URI: {server.TokenUri}");
            Console.WriteLine("Press Ctrl+C to stop.");
            try
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                Console.WriteLine($"Stopped after {server.Counters.TotalRequests} API requests.");
            }

            return 0;
        });
        return command;
    }
}
