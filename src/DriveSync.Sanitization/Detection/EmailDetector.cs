using System.Runtime.CompilerServices;

namespace DriveSync.Sanitization.Detection;

/// <summary>E-mail addresses, anchored on '@': a local part of at most 64 characters and a domain with a letters-only TLD.</summary>
internal readonly ref struct EmailDetector(ReadOnlySpan<char> text, MatchSink sink)
{
    private readonly ReadOnlySpan<char> text = text;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public int Scan(int at)
    {
        var n = text.Length;
        var s = at;
        while (s > 0 && at - s < 64 && IsLocal(text[s - 1]))
        {
            s--;
        }

        while (s < at && text[s] == '.')
        {
            s++;
        }

        if (s == at || text[at - 1] == '.')
        {
            return at + 1;
        }

        var e = at + 1;
        while (e < n && e - at <= 253 && (char.IsAsciiLetterOrDigit(text[e]) || text[e] is '.' or '-'))
        {
            e++;
        }

        while (e > at + 1 && text[e - 1] is '.' or '-')
        {
            e--;
        }

        if (!ValidDomain(text[(at + 1)..e]))
        {
            return at + 1;
        }

        sink.DropEndingAfter(s);

        sink.Add(s, e, PiiTypes.Email);
        return e;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsLocal(char c) => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '%' or '+' or '-';

    private static bool ValidDomain(ReadOnlySpan<char> domain)
    {
        var lastDot = domain.LastIndexOf('.');
        if (lastDot <= 0 || domain.Length - lastDot - 1 < 2 || domain.Contains("..", StringComparison.Ordinal) || domain[0] == '-')
        {
            return false;
        }

        foreach (var c in domain[(lastDot + 1)..])
        {
            if (!char.IsAsciiLetter(c))
            {
                return false;
            }
        }

        return true;
    }
}
