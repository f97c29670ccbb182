using System.Text;
using System.Text.RegularExpressions;

namespace DriveSync.Deployment.Tests;

/// <summary>One app setting of the template: its name and the Bicep expression of its value.</summary>
internal sealed record BicepAppSetting(string Name, string ValueExpression)
{
    /// <summary>Whether the value is a Key Vault reference (<c>@Microsoft.KeyVault(...)</c>) rather than a literal or an inlined secret.</summary>
    public bool IsKeyVaultReference => ValueExpression.StartsWith("'@Microsoft.KeyVault(", StringComparison.Ordinal);
}

/// <summary>
/// Reads an app-settings array of a Bicep file textually (no Bicep CLI here): <c>var appSettings = [ … ]</c> (or a
/// property <c>appSettings: [ … ]</c>), or another named array such as <see cref="PremiumArray"/>. The array must hold
/// objects written one property per line — <c>name: '…'</c> then <c>value: …</c> — the form the template uses.
/// </summary>
internal static class BicepAppSettings
{
    private static readonly Regex Entry = new(
        @"\{\s*name:\s*'(?<name>[^'\r\n]+)'\s*\r?\n\s*value:\s*(?<value>[^\r\n]+?)\s*\r?\n\s*\}",
        RegexOptions.CultureInvariant);

    private static readonly Regex NameProperty = new(@"\bname:", RegexOptions.CultureInvariant);

    /// <summary>The settings only an Elastic Premium app gets (runtime and run-from-package).</summary>
    public const string PremiumArray = "premiumAppSettings";

    /// <summary>The settings of the one array named <paramref name="arrayName"/> (default <c>appSettings</c>) in <paramref name="bicep"/>.</summary>
    /// <exception cref="FormatException">No array, more than one, unbalanced brackets or an entry not in the expected form.</exception>
    public static IReadOnlyList<BicepAppSetting> Parse(string bicep, string arrayName = "appSettings")
    {
        var code = WithoutComments(bicep);
        var starts = Regex.Matches(code, $@"\b{Regex.Escape(arrayName)}(?::|\s*=)\s*\[", RegexOptions.CultureInvariant);
        if (starts.Count != 1)
        {
            throw new FormatException($"Expected exactly one '{arrayName}' array, found {starts.Count}.");
        }

        var open = starts[0].Index + starts[0].Length - 1;
        var block = code[(open + 1)..ClosingBracket(code, open)];
        var entries = Entry.Matches(block)
            .Select(match => new BicepAppSetting(match.Groups["name"].Value, match.Groups["value"].Value))
            .ToList();
        var names = NameProperty.Matches(block).Count;
        if (names != entries.Count)
        {
            throw new FormatException($"appSettings has {names} 'name:' properties but {entries.Count} entries of the form {{ name: '…' <newline> value: … }}.");
        }

        return entries;
    }

    /// <summary>The text with <c>//</c> and <c>/* */</c> comments blanked (string contents kept).</summary>
    public static string WithoutComments(string bicep)
    {
        var result = new StringBuilder(bicep.Length);
        var inString = false;
        for (var i = 0; i < bicep.Length; i++)
        {
            var c = bicep[i];
            if (inString)
            {
                result.Append(c);
                if (c == '\\' && i + 1 < bicep.Length)
                {
                    result.Append(bicep[++i]);
                }
                else if (c == '\'')
                {
                    inString = false;
                }
            }
            else if (c == '\'')
            {
                inString = true;
                result.Append(c);
            }
            else if (c == '/' && i + 1 < bicep.Length && bicep[i + 1] == '/')
            {
                while (i < bicep.Length && bicep[i] != '\n')
                {
                    i++;
                }

                result.Append('\n');
            }
            else if (c == '/' && i + 1 < bicep.Length && bicep[i + 1] == '*')
            {
                var end = bicep.IndexOf("*/", i + 2, StringComparison.Ordinal);
                i = end < 0 ? bicep.Length : end + 1;
                result.Append(' ');
            }
            else
            {
                result.Append(c);
            }
        }

        return result.ToString();
    }

    private static int ClosingBracket(string code, int open)
    {
        var depth = 0;
        var inString = false;
        for (var i = open; i < code.Length; i++)
        {
            var c = code[i];
            if (inString)
            {
                if (c == '\\')
                {
                    i++;
                }
                else if (c == '\'')
                {
                    inString = false;
                }

                continue;
            }

            switch (c)
            {
                case '\'':
                    inString = true;
                    break;
                case '[':
                    depth++;
                    break;
                case ']' when --depth == 0:
                    return i;
            }
        }

        throw new FormatException("The appSettings array is not closed.");
    }
}
