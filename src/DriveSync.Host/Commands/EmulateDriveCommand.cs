using System.CommandLine;

namespace DriveSync.Host.Commands;

/// <summary>`drivesync emulate-drive`: Serve a local folder as a Google Drive v3 API (a development tool and test double).</summary>
internal static class EmulateDriveCommand
{
    public static Command Create()
    {
        var command = new Command("emulate-drive", "Serve a local folder as a Google Drive v3 API (a development tool and test double).");
        command.SetAction(_ =>
        {
            Console.Error.WriteLine("drivesync emulate-drive: not available in this build yet.");
            return 2;
        });
        return command;
    }
}
