namespace DriveSync.Deployment.Tests.Samples;

/// <summary>A made-up options class covering every shape the catalog understands.</summary>
public sealed class SampleOptions
{
    /// <summary>The section.</summary>
    public const string SectionName = "DriveSync:Sample";

    /// <summary>A platform variable this class reads by its own name.</summary>
    public const string TokenKey = "SAMPLE_TOKEN";

    /// <summary>Required, no default.</summary>
    public string? Endpoint { get; set; }

    /// <summary>Has a default.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>A nested class.</summary>
    public SampleRetryOptions Retry { get; set; } = new();

    /// <summary>A list of scalars.</summary>
    public List<string> Tags { get; set; } = [];

    /// <summary>A get-only dictionary of nested classes.</summary>
    public Dictionary<string, SampleRetryOptions> PerTarget { get; } = [];

    /// <summary>Not bindable: no public setter and a scalar type.</summary>
    public int Computed => 42;

    /// <summary>Requires <see cref="Endpoint"/>; the optional parameter keeps its default.</summary>
    public IEnumerable<string> Validate(bool strict = true)
    {
        if (strict && string.IsNullOrEmpty(Endpoint))
        {
            yield return $"{SectionName}:Endpoint is required.";
        }
    }
}

/// <summary>Nested settings.</summary>
public sealed class SampleRetryOptions
{
    /// <summary>Attempts.</summary>
    public int Attempts { get; set; } = 3;
}

/// <summary>An options class whose Validate takes a parameter without default: the catalog cannot guess it.</summary>
public sealed class SampleStrictOptions
{
    /// <summary>The section.</summary>
    public const string SectionName = "DriveSync:Strict";

    /// <summary>Some setting.</summary>
    public string? Value { get; set; }

    /// <summary>Needs a mode the test cannot infer.</summary>
    public IReadOnlyList<string> Validate(string mode) => mode.Length == 0 ? ["DriveSync:Strict:Value is required."] : [];
}
