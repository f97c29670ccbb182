using System.Buffers;

namespace DriveSync.Sanitization.Text;

/// <summary>
/// An <see cref="IBufferWriter{T}"/> of characters over an array rented from <see cref="SensitiveArrayPool"/>, so that a
/// document costs no fresh large buffer. The characters are document text (PII): every part ever written is cleared before
/// the array goes back to the pool, on growth and on <see cref="Dispose"/>.
/// </summary>
internal sealed class PooledCharWriter : IBufferWriter<char>, IDisposable
{
    private char[] array;
    private int written;
    private int highWater;

    public PooledCharWriter(int initialCapacity) => array = SensitiveArrayPool.Rent<char>(initialCapacity);

    /// <summary>The characters written since the last <see cref="ResetWrittenCount"/>.</summary>
    public ReadOnlySpan<char> WrittenSpan => array.AsSpan(0, written);

    /// <summary>Number of characters written since the last <see cref="ResetWrittenCount"/>.</summary>
    public int WrittenCount => written;

    /// <summary>Starts over at the beginning of the buffer (the old characters are overwritten by later writes and cleared at the end).</summary>
    public void ResetWrittenCount() => written = 0;

    /// <inheritdoc />
    public void Advance(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, array.Length - written);
        written += count;
        highWater = Math.Max(highWater, written);
    }

    /// <inheritdoc />
    public Memory<char> GetMemory(int sizeHint = 0)
    {
        Reserve(sizeHint);
        return array.AsMemory(written);
    }

    /// <inheritdoc />
    public Span<char> GetSpan(int sizeHint = 0)
    {
        Reserve(sizeHint);
        return array.AsSpan(written);
    }

    /// <summary>Clears the characters written and returns the array to the pool.</summary>
    public void Dispose()
    {
        if (array.Length == 0)
        {
            return;
        }

        SensitiveArrayPool.Return(array, highWater);
        array = [];
        written = highWater = 0;
    }

    private void Reserve(int sizeHint)
    {
        ObjectDisposedException.ThrowIf(array.Length == 0, this);
        var needed = written + Math.Max(sizeHint, 1);
        if (needed <= array.Length)
        {
            return;
        }

        var larger = SensitiveArrayPool.Rent<char>(Math.Max(needed, array.Length * 2));
        array.AsSpan(0, written).CopyTo(larger);
        SensitiveArrayPool.Return(array, highWater);
        array = larger;
        highWater = written;
    }
}
