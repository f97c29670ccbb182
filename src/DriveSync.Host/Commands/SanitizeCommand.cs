using System.CommandLine;
using DriveSync.Host.Configuration;
using DriveSync.Sanitization;
using DriveSync.Sanitization.Documents;

namespace DriveSync.Host.Commands;

/// <summary>`drivesync sanitize`: Sanitize one file or a directory tree of documents.</summary>
internal static class SanitizeCommand
{
    private const string Description = """
        Sanitize one file or a directory tree of documents with the same engine the sync uses.
        A directory is walked recursively; outputs keep the same relative paths (each name segment is
        sanitized too). Unsupported or unparseable files are listed as quarantined and not written.

        Exit code: 0 every file sanitized; 1 some files were quarantined; 2 bad arguments or settings.

        Settings (redaction modes, pseudonym key, custom patterns, limits) come from the DriveSync:Sanitizer
        section of appsettings.json, environment variables (DriveSync__Sanitizer__Modes__SSN=MaskLast4) or
        --DriveSync:Sanitizer:Key=value arguments. See docs/sanitization.md.
        """;

    public static Command Create()
    {
        var input = new Argument<string>("input") { Description = "A file or a directory to sanitize." };
        var output = new Argument<string>("output") { Description = "The output file (for a file input) or directory." };
        var json = new Option<bool>("--json") { Description = "Print a JSON summary instead of one line per file." };
        var command = new Command("sanitize", Description) { input, output, json };
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var options = new SanitizerOptions();
            DriveSyncConfiguration.Build(parseResult.UnmatchedTokens).GetSection(SanitizerOptions.SectionName).Bind(options);
            var errors = options.Validate();
            if (errors.Count > 0)
            {
                foreach (var error in errors)
                {
                    await Console.Error.WriteLineAsync($"drivesync sanitize: {error}");
                }

                return SanitizeTreeRunner.ExitInvalid;
            }

            var runner = new SanitizeTreeRunner(new DocumentSanitizer(options), Console.Out, Console.Error);
            return await runner.RunAsync(parseResult.GetValue(input)!, parseResult.GetValue(output)!, parseResult.GetValue(json), cancellationToken);
        });
        return command;
    }
}
