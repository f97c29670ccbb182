namespace DriveSync.Sanitization.Detection;

/// <summary>
/// The first-name and surname lists (from @faker-js/faker, MIT; see Detection/Data/SOURCE.md), embedded as resources.
/// Only ever consulted with context: a listed word is never redacted on its own.
/// </summary>
internal static class PersonNames
{
    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> First = Load("first-names.txt");
    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> Last = Load("last-names.txt");

    /// <summary>True when <paramref name="word"/> is a listed first name (any case).</summary>
    public static bool IsFirstName(ReadOnlySpan<char> word) => First.Contains(word);

    /// <summary>True when <paramref name="word"/> is a listed surname (any case).</summary>
    public static bool IsLastName(ReadOnlySpan<char> word) => Last.Contains(word);

    /// <summary>True when <paramref name="word"/> is in either list.</summary>
    public static bool IsListed(ReadOnlySpan<char> word) => First.Contains(word) || Last.Contains(word);

    /// <summary>
    /// True when <paramref name="value"/> reads as a person's name: two to four capitalized (or upper-case) words or
    /// initials, optionally "Last, First", with a listed first name first or a listed surname last.
    /// </summary>
    public static bool LooksLikeFullName(ReadOnlySpan<char> value)
    {
        value = value.Trim();
        if (value.Length is < 3 or > 60)
        {
            return false;
        }

        Span<Range> words = stackalloc Range[6];
        var count = 0;
        var p = 0;
        var comma = -1;
        while (p < value.Length)
        {
            while (p < value.Length && value[p] is ' ' or ',')
            {
                if (value[p] == ',')
                {
                    comma = count;
                }

                p++;
            }

            if (p >= value.Length)
            {
                break;
            }

            var s = p;
            while (p < value.Length && (char.IsAsciiLetter(value[p]) || value[p] is '\'' or '-' or '.'))
            {
                p++;
            }

            if (p == s || (p < value.Length && value[p] is not (' ' or ',')) || count == words.Length || !char.IsAsciiLetterUpper(value[s]))
            {
                return false;
            }

            words[count++] = s..p;
        }

        if (count is < 2 or > 4)
        {
            return false;
        }

        var first = value[words[comma == 1 ? 1 : 0]].TrimEnd('.');
        var last = value[words[comma == 1 ? 0 : count - 1]].TrimEnd('.');
        return IsFirstName(first) || (IsLastName(last) && first.Length > 0);
    }

    private static HashSet<string>.AlternateLookup<ReadOnlySpan<char>> Load(string resource)
    {
        using var stream = typeof(PersonNames).Assembly.GetManifestResourceStream("DriveSync.Sanitization." + resource)
            ?? throw new InvalidOperationException("The embedded name list is missing.");
        using var reader = new StreamReader(stream);
        var set = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0)
            {
                set.Add(line);
            }
        }

        return set.GetAlternateLookup<ReadOnlySpan<char>>();
    }
}
