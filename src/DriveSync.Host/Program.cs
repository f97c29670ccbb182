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
return await root.Parse(args).InvokeAsync();
