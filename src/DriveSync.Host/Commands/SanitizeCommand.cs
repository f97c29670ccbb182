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

        A file input is written to <output> (or into it, under its sanitized name, when <output> is an existing
        directory). A directory input is walked recursively (symbolic links are skipped) and every output keeps its
        relative path under <output>, each name segment sanitized too (john 078-05-1120.csv -> john [SSN].csv); two
        names that sanitize alike get " (2)", " (3)"... Missing directories are created; existing files are replaced.
        Unsupported or unparseable files (images, archives, corrupt or oversized Office files, empty files) are listed
        as quarantined with a reason and nothing is written for them. Only sanitized names are ever printed.

        Exit code: 0 every file sanitized; 1 some files were quarantined; 2 the command line did not parse,
        or bad paths or settings.

        Settings (redaction modes, pseudonym key, custom patterns, limits) come from the DriveSync:Sanitizer
        section of appsettings.json, environment variables (DriveSync__Sanitizer__Modes__SSN=MaskLast4) or
        extra arguments of the form --DriveSync:Sanitizer:Key=value, e.g.
          drivesync sanitize ./in ./out --json --DriveSync:Sanitizer:Modes:SSN=MaskLast4
        See docs/sanitization.md.
        """;

    public static Command Create()
    {
        var input = new Argument<string>("input") { Description = "The file or directory to sanitize (read only; never changed)." };
        var output = new Argument<string>("output") { Description = "Where to write: a file path for a file input, or a directory (created if missing); must differ from <input>." };
        var json = new Option<bool>("--json") { Description = "Print one JSON object (detectorVersion, sanitized, quarantined, countsByType, files[] with path, status, reason, format, counts) instead of one line per file. Default: off." };
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
