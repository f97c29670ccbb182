using System.CommandLine;

namespace DriveSync.Host.Commands;

/// <summary>`drivesync serve`: Serve the HTTP API, the status page, the timer and the queue workers.</summary>
internal static class ServeCommand
{
    public static Command Create()
    {
        var command = new Command("serve", "Serve the HTTP API, the status page, the timer and the queue workers.");
        command.SetAction(_ =>
        {
            Console.Error.WriteLine("drivesync serve: not available in this build yet.");
            return 2;
        });
        return command;
    }
}
