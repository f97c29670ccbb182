using System.CommandLine;

namespace DriveSync.Host.Commands;

/// <summary>`drivesync run`: Run one sync of a Drive folder to Blob Storage in the foreground.</summary>
internal static class RunCommand
{
    public static Command Create()
    {
        var command = new Command("run", "Run one sync of a Drive folder to Blob Storage in the foreground.");
        command.SetAction(_ =>
        {
            Console.Error.WriteLine("drivesync run: not available in this build yet.");
            return 2;
        });
        return command;
    }
}
