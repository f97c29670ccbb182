using System.CommandLine;

namespace DriveSync.Host.Commands;

/// <summary>`drivesync sanitize`: Sanitize one file or a directory tree of documents.</summary>
internal static class SanitizeCommand
{
    public static Command Create()
    {
        var command = new Command("sanitize", "Sanitize one file or a directory tree of documents.");
        command.SetAction(_ =>
        {
            Console.Error.WriteLine("drivesync sanitize: not available in this build yet.");
            return 2;
        });
        return command;
    }
}
