namespace DriveSync.Sanitization.Text;

/// <summary>
/// The read, decode and encode buffers of one text document, rented from <see cref="SensitiveArrayPool"/> (no large
/// allocation per document) and, on <see cref="Dispose"/>, cleared as far as they were used and returned.
/// </summary>
internal sealed class TextBuffers : IDisposable
{
    private readonly int readBytes;
    private byte[] bytes;
    private char[] chars;
    private byte[] outBytes;
    private int usedBytes;
    private int usedChars;
    private int usedOutBytes;

    /// <summary>Rents buffers for reads of <paramref name="readBytes"/> bytes.</summary>
    public TextBuffers(int readBytes)
    {
        this.readBytes = readBytes;
        bytes = SensitiveArrayPool.Rent<byte>(readBytes);
        chars = SensitiveArrayPool.Rent<char>(readBytes);
        outBytes = SensitiveArrayPool.Rent<byte>((readBytes * 2) + 4096);
    }

    /// <summary>The bytes of the last read.</summary>
    public byte[] Bytes => bytes;

    /// <summary>Room for the characters of one read (at least as many as the bytes read).</summary>
    public char[] Chars => chars;

    /// <summary>Reads up to the read size (fewer only at the end of <paramref name="input"/>) into <see cref="Bytes"/>.</summary>
    public async ValueTask<int> ReadAsync(Stream input, CancellationToken cancellationToken)
    {
        var filled = await input.ReadAtLeastAsync(bytes.AsMemory(0, readBytes), readBytes, throwOnEndOfStream: false, cancellationToken);
        usedBytes = Math.Max(usedBytes, filled);
        return filled;
    }

    /// <summary>Records that the first <paramref name="count"/> characters of <see cref="Chars"/> hold text.</summary>
    public void UsedChars(int count) => usedChars = Math.Max(usedChars, count);

    /// <summary>An output buffer of at least <paramref name="length"/> bytes (the old one, cleared, goes back when it is too small).</summary>
    public byte[] OutBytes(int length)
    {
        if (outBytes.Length < length)
        {
            SensitiveArrayPool.Return(outBytes, usedOutBytes);
            outBytes = [];
            usedOutBytes = 0;
            outBytes = SensitiveArrayPool.Rent<byte>(length);
        }

        return outBytes;
    }

    /// <summary>Records that the first <paramref name="count"/> bytes of the output buffer hold text.</summary>
    public void UsedOutBytes(int count) => usedOutBytes = Math.Max(usedOutBytes, count);

    /// <summary>Clears what the buffers held and returns them to the pool.</summary>
    public void Dispose()
    {
        if (bytes.Length == 0)
        {
            return;
        }

        SensitiveArrayPool.Return(bytes, usedBytes);
        SensitiveArrayPool.Return(chars, usedChars);
        SensitiveArrayPool.Return(outBytes, usedOutBytes);
        bytes = [];
        chars = [];
        outBytes = [];
    }
}
