using System.Net.Sockets;
using System.Net;
using System.Runtime.CompilerServices;

namespace DriveSync.Sanitization.Detection;

/// <summary>IPv6 addresses, anchored on ':': a run of hex digits and colons with "::" or at least six colons that parses as IPv6.</summary>
internal readonly ref struct Ipv6Detector(ReadOnlySpan<char> text, MatchSink sink)
{
    private readonly ReadOnlySpan<char> text = text;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public int Scan(int at)
    {
        var n = text.Length;
        var s = at;
        while (s > 0 && at - s < 40 && (char.IsAsciiHexDigit(text[s - 1]) || text[s - 1] == ':'))
        {
            s--;
        }

        if (s > 0 && (char.IsAsciiLetterOrDigit(text[s - 1]) || text[s - 1] is '.' or '-' or '_'))
        {
            return at + 1;
        }

        var e = at;
        while (e < n && e - s < 46 && (char.IsAsciiHexDigit(text[e]) || text[e] is ':' or '.'))
        {
            e++;
        }

        while (e > at + 1 && text[e - 1] == '.')
        {
            e--;
        }

        if (e < n && (char.IsAsciiLetterOrDigit(text[e]) || text[e] is '-' or '_'))
        {
            return at + 1;
        }

        var candidate = text[s..e];
        int colons = 0, hex = 0;
        var doubleColon = false;
        for (var k = 0; k < candidate.Length; k++)
        {
            if (candidate[k] == ':')
            {
                colons++;
                doubleColon |= k > 0 && candidate[k - 1] == ':';
            }
            else if (char.IsAsciiHexDigit(candidate[k]))
            {
                hex++;
            }
        }

        if ((colons < 6 && !doubleColon) || colons < 2 || hex < 4 || !IPAddress.TryParse(candidate, out var address) || address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return at + 1;
        }

        sink.DropEndingAfter(s);

        sink.Add(s, e, PiiTypes.IpAddress);
        return e;
    }
}
