using System.CommandLine;
using DriveSync.Host.Commands;

var root = new RootCommand("DriveSync: copies documents from a Google Drive folder to Azure Blob Storage with the personal data taken out.")
{
    DemoCommand.Create(),
    RunCommand.Create(),
    ServeCommand.Create(),
    SanitizeCommand.Create(),
    EmulateDriveCommand.Create(),
};

// SIGTERM and Ctrl+C cancel the running verb's token; it then has this long to stop cleanly.
var invocation = new InvocationConfiguration { ProcessTerminationTimeout = TimeSpan.FromSeconds(30) };
var parsed = root.Parse(args);
var exitCode = await parsed.InvokeAsync(invocation);

// Exit code 1 means "finished with quarantines or failures" for sanitize and run; a command-line error is a 2.
return parsed.Errors.Count > 0 ? 2 : exitCode;
