using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace DriveSync.DurableEngine;

/// <summary>Start-up validation of <see cref="DurableEngineOptions"/>: one message per problem, each naming the setting.</summary>
public sealed partial class DurableEngineOptionsValidator : IValidateOptions<DurableEngineOptions>
{
    private const string Prefix = DurableEngineOptions.SectionName + ":";

    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, DurableEngineOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = Problems(options).ToList();
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    /// <summary>Every problem of <paramref name="options"/>, each message naming its setting.</summary>
    public static IEnumerable<string> Problems(DurableEngineOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.TaskHubName is null || !TaskHubNamePattern().IsMatch(options.TaskHubName))
        {
            yield return Prefix + nameof(options.TaskHubName) + " must be 3-45 letters or digits starting with a letter.";
        }

        foreach (var problem in new[]
        {
            Range(nameof(options.PartitionCount), options.PartitionCount, 1, 16),
            Range(nameof(options.MaxConcurrentActivities), options.MaxConcurrentActivities, 1, 1000),
            Range(nameof(options.MaxConcurrentOrchestrations), options.MaxConcurrentOrchestrations, 1, 1000),
            Range(nameof(options.ControlQueueVisibilityTimeout), options.ControlQueueVisibilityTimeout, TimeSpan.FromSeconds(15), TimeSpan.FromMinutes(10)),
            Range(nameof(options.WorkItemQueueVisibilityTimeout), options.WorkItemQueueVisibilityTimeout, TimeSpan.FromSeconds(15), TimeSpan.FromMinutes(10)),
            Range(nameof(options.LeaseInterval), options.LeaseInterval, TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(5)),
            Range(nameof(options.LeaseRenewInterval), options.LeaseRenewInterval, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(5)),
            Range(nameof(options.LeaseAcquireInterval), options.LeaseAcquireInterval, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(5)),
            Range(nameof(options.MaxQueuePollingInterval), options.MaxQueuePollingInterval, TimeSpan.FromMilliseconds(100), TimeSpan.FromMinutes(1)),
            Range(nameof(options.ExtendedSessionIdleTimeout), options.ExtendedSessionIdleTimeout, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(10)),
        })
        {
            if (problem is not null)
            {
                yield return problem;
            }
        }

        if (options.LeaseRenewInterval >= options.LeaseInterval)
        {
            yield return Prefix + nameof(options.LeaseRenewInterval) + " must be shorter than " + Prefix + nameof(options.LeaseInterval) + ".";
        }

        if (options.WorkerId is { } workerId && (workerId.Length is 0 or > 100 || workerId.Any(char.IsControl)))
        {
            yield return Prefix + nameof(options.WorkerId) + " must be 1-100 printable characters when set.";
        }
    }

    private static string? Range(string setting, int value, int min, int max) =>
        value < min || value > max
            ? string.Create(CultureInfo.InvariantCulture, $"{Prefix}{setting} must be between {min} and {max} (was {value}).")
            : null;

    private static string? Range(string setting, TimeSpan value, TimeSpan min, TimeSpan max) =>
        value < min || value > max
            ? string.Create(CultureInfo.InvariantCulture, $"{Prefix}{setting} must be between {min:c} and {max:c} (was {value:c}).")
            : null;

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9]{2,44}$")]
    private static partial Regex TaskHubNamePattern();
}
