using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace DriveSync.Pipeline.Ledger;

/// <summary>
/// Which file versions of a source are done. In memory a map from a 64-bit hash of the file id to a
/// 64-bit hash of its version key (about 30 bytes per entry, O(1) lookup); stored as 16-byte records.
/// </summary>
public sealed class FileLedger
{
    private const int RecordSize = 16;
    private readonly Dictionary<ulong, ulong> _versions;

    public FileLedger(int capacity = 0) => _versions = new Dictionary<ulong, ulong>(capacity);

    public int Count => _versions.Count;

    /// <summary>True when this version of the file is done.</summary>
    public bool Contains(string fileId, string versionKey) =>
        _versions.TryGetValue(Hash(fileId), out var version) && version == Hash(versionKey);

    /// <summary>Records this version of the file as done (replacing an older version).</summary>
    public void Set(string fileId, string versionKey) => _versions[Hash(fileId)] = Hash(versionKey);

    /// <summary>Records every entry of <paramref name="other"/> (replacing older versions of the same files).</summary>
    public void SetAll(FileLedger other)
    {
        foreach (var (file, version) in other._versions)
            _versions[file] = version;
    }

    public byte[] Serialize()
    {
        var bytes = new byte[_versions.Count * RecordSize];
        var offset = 0;
        foreach (var (file, version) in _versions)
        {
            BinaryPrimitives.WriteUInt64LittleEndian(bytes.AsSpan(offset), file);
            BinaryPrimitives.WriteUInt64LittleEndian(bytes.AsSpan(offset + 8), version);
            offset += RecordSize;
        }
        return bytes;
    }

    public static FileLedger Parse(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length % RecordSize != 0)
            throw new InvalidDataException($"Ledger length {bytes.Length} is not a multiple of {RecordSize}.");
        var ledger = new FileLedger(bytes.Length / RecordSize);
        for (var offset = 0; offset < bytes.Length; offset += RecordSize)
            ledger._versions[BinaryPrimitives.ReadUInt64LittleEndian(bytes[offset..])] = BinaryPrimitives.ReadUInt64LittleEndian(bytes[(offset + 8)..]);
        return ledger;
    }

    internal static ulong Hash(string value)
    {
        Span<byte> digest = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(value), digest);
        return BinaryPrimitives.ReadUInt64LittleEndian(digest);
    }
}
