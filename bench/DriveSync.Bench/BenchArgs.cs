using System.Globalization;

namespace DriveSync.Bench;

/// <summary>The benches' command-line options: <c>--name value</c> pairs after the bench's verb.</summary>
internal static class BenchArgs
{
    /// <summary>The value after <paramref name="name"/>, or null when the option is absent.</summary>
    public static string? String(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }

    /// <summary>The integer after <paramref name="name"/>, or <paramref name="fallback"/> when the option is absent.</summary>
    public static int Int(string[] args, string name, int fallback) =>
        String(args, name) is { } value ? int.Parse(value, CultureInfo.InvariantCulture) : fallback;

    /// <summary>The comma-separated list after <paramref name="name"/>, or <paramref name="fallback"/>'s items.</summary>
    public static string[] List(string[] args, string name, string fallback) => (String(args, name) ?? fallback).Split(',');
}
