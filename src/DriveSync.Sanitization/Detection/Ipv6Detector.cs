using System.Net.Sockets;
using System.Net;
using System.Runtime.CompilerServices;

namespace DriveSync.Sanitization.Detection;

/// <summary>IPv6 addresses, anchored on ':': a run of hex digits and colons with "::" or at least six colons that parses as IPv6.</summary>
internal readonly ref struct Ipv6Detector(ReadOnlySpan<char> text, MatchSink sink)
{
    private readonly ReadOnlySpan<char> text = text;

    /// <summary>
    /// Scans the candidate around the colon at <paramref name="at"/>; returns where scanning resumes. On a rejection after
    /// the candidate's start was found whole, <paramref name="sameUntil"/> is set past the colons that share the candidate:
    /// a later colon before it (no '.' between, within the look-back of the same start) walks back to the same start and
    /// forward to the same end, so it would be rejected the same way; otherwise it is 0.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public int Scan(int at, out int sameUntil)
    {
        sameUntil = 0;
        var n = text.Length;
        var s = at;
        int colons = 1, hex = 0;
        var doubleColon = false;
        while (s > 0 && at - s < 40 && (char.IsAsciiHexDigit(text[s - 1]) || text[s - 1] == ':'))
        {
            s--;
            if (text[s] == ':')
            {
                colons++;
                doubleColon |= text[s + 1] == ':';
            }
            else
            {
                hex++;
            }
        }

        if (s > 0 && (char.IsAsciiLetterOrDigit(text[s - 1]) || text[s - 1] is '.' or '-' or '_'))
        {
            return at + 1;
        }

        var e = at + 1;
        var dot = -1;
        while (e < n && e - s < 46 && (char.IsAsciiHexDigit(text[e]) || text[e] is ':' or '.'))
        {
            if (text[e] == ':')
            {
                colons++;
                doubleColon |= text[e - 1] == ':';
            }
            else if (text[e] == '.')
            {
                dot = dot < 0 ? e : dot;
            }
            else
            {
                hex++;
            }

            e++;
        }

        var shared = s == 0 || text[s - 1] != ':' ? Math.Min(dot < 0 ? e : dot, s + 41) : 0;

        while (e > at + 1 && text[e - 1] == '.')
        {
            e--;
        }

        if ((colons < 6 && !doubleColon) || hex < 4 || (e < n && (char.IsAsciiLetterOrDigit(text[e]) || text[e] is '-' or '_')))
        {
            sameUntil = shared;
            return at + 1;
        }

        var candidate = text[s..e];
        if (!IPAddress.TryParse(candidate, out var address) || address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            sameUntil = shared;
            return at + 1;
        }

        sink.DropEndingAfter(s);

        sink.Add(s, e, PiiTypes.IpAddress);
        return e;
    }
}
