namespace DriveSync.Sanitization.Detection;

/// <summary>The labels and titles after which a capitalized name is redacted, and words that are never names.</summary>
internal static class NameLabels
{
    private static readonly string[] Labels =
    [
        "name", "taxpayer", "attn", "attention", "patient", "employee", "beneficiary", "holder", "spouse", "insured",
        "applicant", "client", "customer", "recipient", "payee", "dependent", "signature", "signed", "from", "to", "cc", "bcc",
    ];

    private static readonly string[] Titles = ["Mr", "Mrs", "Ms", "Dr", "MR", "MRS", "MS", "DR"];

    private static readonly HashSet<string> StopWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "Form", "Schedule", "Line", "The", "None", "Unknown", "Not", "Yes", "No", "See", "Page", "Total", "Date", "Type", "Status",
    };

    /// <summary>True when the word ending just before the colon at <paramref name="colon"/> (or a JSON key's closing quote) is a name label.</summary>
    public static bool IsLabel(ReadOnlySpan<char> text, int colon)
    {
        if (colon > 0 && text[colon - 1] == '"')
        {
            colon--;
        }

        var start = colon;
        while (start > 0 && colon - start < 12 && char.IsAsciiLetter(text[start - 1]))
        {
            start--;
        }

        if (start > 0 && char.IsAsciiLetter(text[start - 1]))
        {
            return false;
        }

        var word = text[start..colon];
        foreach (var label in Labels)
        {
            if (word.Equals(label, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>True when the period at <paramref name="period"/> ends a title (Mr., Mrs., Ms., Dr.) standing alone.</summary>
    public static bool IsTitle(ReadOnlySpan<char> text, int period)
    {
        var start = period;
        while (start > 0 && period - start < 3 && char.IsAsciiLetter(text[start - 1]))
        {
            start--;
        }

        if (start == period || (start > 0 && char.IsAsciiLetterOrDigit(text[start - 1])))
        {
            return false;
        }

        var word = text[start..period];
        foreach (var title in Titles)
        {
            if (word.SequenceEqual(title))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>True for capitalized words that follow labels but are not names.</summary>
    public static bool IsStopWord(ReadOnlySpan<char> word) => StopWords.GetAlternateLookup<ReadOnlySpan<char>>().Contains(word);
}
