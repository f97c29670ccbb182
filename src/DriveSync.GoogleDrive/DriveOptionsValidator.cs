using Microsoft.Extensions.Options;

namespace DriveSync.GoogleDrive;

/// <summary>Start-up validation of <see cref="DriveOptions"/> for the options pipeline (<c>ValidateOnStart</c>).</summary>
public sealed class DriveOptionsValidator : IValidateOptions<DriveOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, DriveOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = options.Validate();
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
