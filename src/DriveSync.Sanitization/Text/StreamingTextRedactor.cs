using System.Buffers;
using System.Runtime.CompilerServices;
using DriveSync.Sanitization.Detection;
using DriveSync.Sanitization.Redaction;
using DriveSync.Sanitization.Tables;

namespace DriveSync.Sanitization.Text;

/// <summary>
/// Redacts a character stream chunk by chunk in bounded memory. Each pass scans the buffer, commits the text up to
/// <see cref="Overlap"/> characters before its end (a match that starts before that point is committed whole), and keeps
/// the uncommitted tail plus a little context for the next pass, so a value straddling a chunk boundary is still caught.
/// Its buffers are rented from the pool (no large allocation per document) and cleared when it is disposed.
/// </summary>
internal sealed class StreamingTextRedactor : IDisposable
{
    /// <summary>Characters kept back at the end of each pass; longer than any match (e-mail ≤ 318, custom ≤ 200).</summary>
    public const int Overlap = 512;

    private const int ContextKeep = 64;

    private readonly TextRedactor redactor;
    private readonly RedactionCounts counts;
    private readonly TextLayout layout;
    private char delimiter;
    private readonly SanitizerOptions options;
    private readonly int capacity;
    private char[] buffer;
    private readonly List<PiiMatch> matches = [];
    private int length;
    private int highWater;
    private int emitted;
    private bool headerRead;
    private string?[]? columnTypes;
    private bool inQuotes;
    private bool atCellStart = true;
    private bool suppressing;
    private int column;
    private long row;
    private bool escaped;

    public StreamingTextRedactor(TextRedactor redactor, RedactionCounts counts, TextLayout layout, SanitizerOptions options)
    {
        this.redactor = redactor;
        this.counts = counts;
        this.layout = layout;
        this.options = options;
        delimiter = layout == TextLayout.Tsv ? '\t' : ',';
        capacity = options.TextChunkChars + Overlap + ContextKeep;
        buffer = SensitiveArrayPool.Rent<char>(capacity);
        Output = new PooledCharWriter(capacity + 1024);
    }

    /// <summary>Redacted characters ready to be written; the caller drains it (then calls <see cref="PooledCharWriter.ResetWrittenCount"/>).</summary>
    public PooledCharWriter Output { get; }

    private bool IsCsv => layout is TextLayout.Csv or TextLayout.Tsv;

    /// <summary>Adds characters; full chunks are redacted into <see cref="Output"/>.</summary>
    public void Feed(ReadOnlySpan<char> chars)
    {
        while (!chars.IsEmpty)
        {
            var n = Math.Min(chars.Length, capacity - length);
            chars[..n].CopyTo(buffer.AsSpan(length));
            length += n;
            highWater = Math.Max(highWater, length);
            chars = chars[n..];
            if (length == capacity)
            {
                Process(final: false);
            }
        }
    }

    /// <summary>Redacts everything still buffered into <see cref="Output"/>.</summary>
    public void Complete() => Process(final: true);

    /// <summary>Clears the document text from the rented buffers and returns them to the pool.</summary>
    public void Dispose()
    {
        if (buffer.Length > 0)
        {
            SensitiveArrayPool.Return(buffer, highWater);
            buffer = [];
        }

        Output.Dispose();
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Process(bool final)
    {
        var text = buffer.AsSpan(0, length);
        var limit = final ? length : length - Overlap;
        if (IsCsv && !headerRead)
        {
            ReadHeader(text, final);
        }

        if (limit > emitted)
        {
            matches.Clear();
            redactor.Detector.FindMatches(text, emitted, matches);
            emitted = layout == TextLayout.Plain || (IsCsv && columnTypes is null)
                ? EmitPlain(text, limit)
                : EmitWalking(text, limit, final);
        }

        var keepFrom = Math.Max(0, emitted - ContextKeep);
        if (keepFrom > 0)
        {
            buffer.AsSpan(keepFrom, length - keepFrom).CopyTo(buffer);
            length -= keepFrom;
            emitted -= keepFrom;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int EmitPlain(ReadOnlySpan<char> text, int limit)
    {
        var position = emitted;
        foreach (var match in matches)
        {
            if (match.Start >= limit)
            {
                break;
            }

            Output.Write(text[position..match.Start]);
            Output.Write(redactor.Replacement(match.Type, text.Slice(match.Start, match.Length)));
            counts.Add(match.Type);
            position = match.End;
        }

        if (position < limit)
        {
            Output.Write(text[position..limit]);
            position = limit;
        }

        return position;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int EmitWalking(ReadOnlySpan<char> text, int limit, bool final)
    {
        int i = emitted, segment = emitted, next = 0, stop = limit;
        while (i < stop)
        {
            if (suppressing)
            {
                var c = text[i];
                if (inQuotes || (c != delimiter && c != '\n' && c != '\r'))
                {
                    if (c == '"')
                    {
                        inQuotes = !inQuotes;
                    }

                    segment = ++i;
                    continue;
                }

                suppressing = false;
            }

            while (next < matches.Count && matches[next].Start < i)
            {
                next++;
            }

            if (IsCsv && atCellStart && !inQuotes && row > 0 && column < columnTypes!.Length && columnTypes[column] is { } type)
            {
                Output.Write(text[segment..i]);
                atCellStart = false;
                var cellEnd = CellEnd(text, i, final);
                if (cellEnd >= 0)
                {
                    WriteCell(text[i..cellEnd], type);
                    i = segment = cellEnd;
                    stop = Math.Max(stop, i);
                }
                else
                {
                    Output.Write(redactor.Marker(type));
                    counts.Add(type);
                    suppressing = true;
                    segment = i;
                    stop = length;
                }

                continue;
            }

            if (next < matches.Count && matches[next].Start == i)
            {
                var match = matches[next++];
                Output.Write(text[segment..i]);
                var replacement = redactor.Replacement(match.Type, text.Slice(match.Start, match.Length));
                var quote = layout == TextLayout.Json && !inQuotes;
                if (quote)
                {
                    Output.Write("\"");
                }

                Output.Write(replacement);
                if (quote)
                {
                    Output.Write("\"");
                }

                counts.Add(match.Type);
                atCellStart = false;
                i = segment = match.End;
                stop = Math.Max(stop, i);
                continue;
            }

            Advance(text[i]);
            i++;
        }

        Output.Write(text[segment..i]);
        return i;
    }

    private void Advance(char c)
    {
        if (layout == TextLayout.Json)
        {
            if (escaped)
            {
                escaped = false;
            }
            else if (inQuotes && c == '\\')
            {
                escaped = true;
            }
            else if (c == '"')
            {
                inQuotes = !inQuotes;
            }

            return;
        }

        if (c == '"')
        {
            inQuotes = !inQuotes;
            atCellStart = false;
        }
        else if (inQuotes)
        {
            atCellStart = false;
        }
        else if (c == delimiter)
        {
            column++;
            atCellStart = true;
        }
        else if (c == '\n')
        {
            column = 0;
            row++;
            atCellStart = true;
        }
        else if (c != '\r')
        {
            atCellStart = false;
        }
    }

    private int CellEnd(ReadOnlySpan<char> text, int start, bool final)
    {
        var quoted = false;
        for (var j = start; j < text.Length; j++)
        {
            var c = text[j];
            if (c == '"')
            {
                quoted = !quoted;
            }
            else if (!quoted && (c == delimiter || c == '\n' || c == '\r'))
            {
                return j;
            }
        }

        return final ? text.Length : -1;
    }

    private void WriteCell(ReadOnlySpan<char> raw, string type)
    {
        var quoted = raw.Length >= 2 && raw[0] == '"' && raw[^1] == '"';
        var value = quoted ? raw[1..^1] : raw;
        if (value.IsWhiteSpace())
        {
            Output.Write(raw);
            return;
        }

        var replacement = redactor.Replacement(type, value.Trim());
        if (quoted)
        {
            Output.Write("\"");
        }

        Output.Write(replacement);
        if (quoted)
        {
            Output.Write("\"");
        }

        counts.Add(type);
    }

    private void ReadHeader(ReadOnlySpan<char> text, bool final)
    {
        headerRead = DelimitedHeader.TryRead(text, final, layout == TextLayout.Tsv, options, out delimiter, out columnTypes);
    }
}
