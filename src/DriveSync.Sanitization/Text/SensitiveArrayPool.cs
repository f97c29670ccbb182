using System.Buffers;

namespace DriveSync.Sanitization.Text;

/// <summary>
/// Rents buffers that will hold document text from <see cref="ArrayPool{T}.Shared"/> and returns them with the used part
/// cleared: document text is PII and must not linger in pooled memory that other code rents next. Clearing only the part
/// that was used (not the whole array) keeps this cheap for small documents in large buffers.
/// </summary>
internal static class SensitiveArrayPool
{
    /// <summary>An array of at least <paramref name="minimumLength"/> elements (possibly longer, possibly holding old zeros).</summary>
    public static T[] Rent<T>(int minimumLength) => ArrayPool<T>.Shared.Rent(minimumLength);

    /// <summary>Clears the first <paramref name="used"/> elements of <paramref name="rented"/> and returns it to the pool.</summary>
    public static void Return<T>(T[] rented, int used)
    {
        rented.AsSpan(0, used).Clear();
        ArrayPool<T>.Shared.Return(rented);
    }
}
