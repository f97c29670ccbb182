namespace DriveSync.Sanitization.Detection;

/// <summary>The labels and titles after which a capitalized name is redacted, and words that are never names.</summary>
internal static class NameLabels
{
    private static readonly string[] Labels =
    [
        "name", "taxpayer", "attn", "attention", "patient", "employee", "beneficiary", "holder", "spouse", "insured",
        "applicant", "client", "customer", "recipient", "payee", "dependent", "signature", "signed", "from", "to", "cc", "bcc",
    ];

    private static readonly HashSet<string> ThingWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "file", "user", "company", "business", "product", "host", "domain", "project", "brand", "bank", "street", "city",
        "item", "field", "folder", "sheet", "table", "column", "server", "team", "org", "organization", "organisation",
        "vendor", "event", "course", "device", "app", "application", "plan", "program", "store", "site", "document",
        "report", "package", "branch", "model", "trade", "entity", "firm", "employer", "school", "county",
    };

    /// <summary>Role labels after which capitalized words are a name only when the name lists say so ("Owner: Jane Roe", not "Owner: Finance Team").</summary>
    private static readonly string[] RoleLabels =
    [
        "payer", "owner", "cardholder", "member", "tenant", "guardian", "signer", "requester", "requestor", "borrower", "cosigner",
        "debtor", "claimant", "decedent", "resident", "parent", "witness", "contact", "landlord", "student", "physician", "doctor",
    ];

    private static readonly HashSet<string> Salutations = new(StringComparer.OrdinalIgnoreCase) { "dear", "hi", "hello", "hey", "greetings" };

    private static readonly HashSet<string> Closings = new(StringComparer.OrdinalIgnoreCase)
    {
        "sincerely", "regards", "thanks", "thank you", "respectfully", "cordially", "best", "cheers", "truly", "faithfully", "warmly",
    };

    private static readonly string[] Titles = ["Mr", "Mrs", "Ms", "Dr", "MR", "MRS", "MS", "DR"];

    private static readonly HashSet<string> StopWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "Form", "Schedule", "Line", "The", "None", "Unknown", "Not", "Yes", "No", "See", "Page", "Total", "Date", "Type", "Status",
    };

    /// <summary>True when the word ending just before the colon at <paramref name="colon"/> is a role label whose name must be a listed one.</summary>
    public static bool IsRoleLabel(ReadOnlySpan<char> text, int colon)
    {
        colon = BeforeQualifier(text, colon);
        var start = colon;
        while (start > 0 && colon - start < 12 && char.IsAsciiLetter(text[start - 1]))
        {
            start--;
        }

        if (start == colon || (start > 0 && char.IsAsciiLetter(text[start - 1])))
        {
            return false;
        }

        var word = text[start..colon];
        foreach (var label in RoleLabels)
        {
            if (word.Equals(label, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>True for a greeting word that introduces a name ("Dear", "Hello").</summary>
    public static bool IsSalutation(ReadOnlySpan<char> word) => Salutations.GetAlternateLookup<ReadOnlySpan<char>>().Contains(word);

    /// <summary>True for the word of a letter's closing before its comma ("Sincerely", "Best regards", "Thank you").</summary>
    public static bool IsClosing(ReadOnlySpan<char> text, int comma)
    {
        var start = comma;
        while (start > 0 && comma - start < 12 && char.IsAsciiLetter(text[start - 1]))
        {
            start--;
        }

        if (start == comma || (start > 0 && char.IsAsciiLetter(text[start - 1])))
        {
            return false;
        }

        var lookup = Closings.GetAlternateLookup<ReadOnlySpan<char>>();
        return lookup.Contains(text[start..comma])
            || (start >= 6 && text.Slice(start - 6, 6).Equals("thank ", StringComparison.OrdinalIgnoreCase) && text[start..comma].Equals("you", StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>True when the word ending just before the colon at <paramref name="colon"/> (or a JSON key's closing quote) is a name label.</summary>
    public static bool IsLabel(ReadOnlySpan<char> text, int colon)
    {
        if (colon > 0 && text[colon - 1] == '"')
        {
            colon--;
        }

        colon = BeforeQualifier(text, colon);
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
                return !word.Equals("name", StringComparison.OrdinalIgnoreCase) || !NamesAThing(text, start);
            }
        }

        return false;
    }

    /// <summary>True when the word before "name" says it names a thing, not a person ("File name", "Company Name").</summary>
    private static bool NamesAThing(ReadOnlySpan<char> text, int nameStart)
    {
        var end = nameStart;
        while (end > 0 && nameStart - end < 2 && text[end - 1] is ' ' or '_' or '-')
        {
            end--;
        }

        var start = end;
        while (start > 0 && end - start < 14 && char.IsAsciiLetter(text[start - 1]))
        {
            start--;
        }

        return end > start && ThingWords.GetAlternateLookup<ReadOnlySpan<char>>().Contains(text[start..end]);
    }

    /// <summary>
    /// Where a label ends when a qualifier stands between it and its colon: <c>Name (legal):</c>, <c>Name #:</c>,
    /// <c>Name (as on card) :</c>; <paramref name="colon"/> itself when there is none.
    /// </summary>
    public static int BeforeQualifier(ReadOnlySpan<char> text, int colon)
    {
        const int MaxQualifier = 24;
        var p = colon;
        while (p > 0 && colon - p < MaxQualifier && text[p - 1] is ' ' or '#')
        {
            p--;
        }

        if (p > 0 && text[p - 1] == ')')
        {
            var open = text[Math.Max(0, p - MaxQualifier)..(p - 1)].LastIndexOf('(');
            if (open < 0)
            {
                return colon;
            }

            p = Math.Max(0, p - MaxQualifier) + open;
            while (p > 0 && text[p - 1] == ' ')
            {
                p--;
            }
        }

        return p;
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
