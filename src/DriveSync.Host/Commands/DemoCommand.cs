using System.CommandLine;

namespace DriveSync.Host.Commands;

/// <summary>`drivesync demo`: Start Azurite and the Drive emulator on the bundled samples, run one sync, print the outcome.</summary>
internal static class DemoCommand
{
    public static Command Create()
    {
        var command = new Command("demo", "Start Azurite and the Drive emulator on the bundled samples, run one sync, print the outcome.");
        command.SetAction(_ =>
        {
            Console.Error.WriteLine("drivesync demo: not available in this build yet.");
            return 2;
        });
        return command;
    }
}
