using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace DriveSync.Pipeline.Ledger;

/// <summary>
/// Which file versions of a source are done, and under which sanitizer policy their outputs were written. In memory a
/// map from a 64-bit hash of the file id to 64-bit hashes of its version key and policy version (about 40 bytes per
/// entry, O(1) lookup). Stored as a 16-byte header (<c>DSLEDGR2</c> + 8 reserved bytes) and 24-byte records; a ledger of
/// the earlier form (16-byte records, no header) reads with every policy <see cref="UnknownPolicy"/>.
/// </summary>
public sealed class FileLedger
{
    /// <summary>The policy of an entry written before policies were recorded: an output of it counts as stale.</summary>
    public const ulong UnknownPolicy = 0;

    /// <summary>The policy of an entry that has no output (quarantined): nothing to reprocess.</summary>
    public const ulong NoOutput = ulong.MaxValue;

    private const int LegacyRecordSize = 16;
    private const int RecordSize = 24;
    private const int HeaderSize = 16;
    private static readonly byte[] Magic = "DSLEDGR2"u8.ToArray();
    private readonly Dictionary<ulong, Entry> _entries;

    public FileLedger(int capacity = 0) => _entries = new Dictionary<ulong, Entry>(capacity);

    public int Count => _entries.Count;

    /// <summary>True when this version of the file is done (whatever the policy).</summary>
    public bool Contains(string fileId, string versionKey) =>
        _entries.TryGetValue(Hash(fileId), out var entry) && entry.Version == Hash(versionKey);

    /// <summary>True when any version of the file is recorded.</summary>
    public bool ContainsFile(string fileId) => _entries.ContainsKey(Hash(fileId));

    /// <summary>True when the file id's hash is recorded.</summary>
    public bool ContainsHash(ulong fileHash) => _entries.ContainsKey(fileHash);

    /// <summary>How this version of the file stands against the ledger under <paramref name="policy"/>.</summary>
    public LedgerMatch Match(string fileId, string versionKey, string policy)
    {
        if (!_entries.TryGetValue(Hash(fileId), out var entry))
            return LedgerMatch.New;
        if (entry.Version != Hash(versionKey))
            return entry.Policy == NoOutput ? LedgerMatch.ChangedWithoutOutput : LedgerMatch.Changed;
        return entry.Policy == NoOutput || entry.Policy == PolicyHash(policy) ? LedgerMatch.Done : LedgerMatch.OtherPolicy;
    }

    /// <summary>True when some recorded output was written under a policy other than <paramref name="policy"/> (or an unknown one).</summary>
    public bool AnyOutputUnderAnotherPolicy(string policy)
    {
        var current = PolicyHash(policy);
        return _entries.Values.Any(e => e.Policy != NoOutput && e.Policy != current);
    }

    /// <summary>True when the file's recorded entry has an output (it was uploaded).</summary>
    public bool HasOutput(ulong fileHash) => _entries.TryGetValue(fileHash, out var entry) && entry.Policy != NoOutput;

    /// <summary>Records this version of the file as done with its output written under <paramref name="policy"/> (null: no output).</summary>
    public void Set(string fileId, string versionKey, string? policy) =>
        _entries[Hash(fileId)] = new Entry(Hash(versionKey), policy is null ? NoOutput : PolicyHash(policy));

    /// <summary>Forgets a file (its source left the tree).</summary>
    public void Remove(ulong fileHash) => _entries.Remove(fileHash);

    /// <summary>The hashes of every recorded file id.</summary>
    public IEnumerable<ulong> FileHashes => _entries.Keys;

    /// <summary>Records every entry of <paramref name="other"/> (replacing older versions of the same files).</summary>
    public void SetAll(FileLedger other)
    {
        ArgumentNullException.ThrowIfNull(other);
        foreach (var (file, entry) in other._entries)
            _entries[file] = entry;
    }

    public byte[] Serialize()
    {
        var bytes = new byte[HeaderSize + _entries.Count * RecordSize];
        Magic.CopyTo(bytes, 0);
        var offset = HeaderSize;
        foreach (var (file, entry) in _entries)
        {
            BinaryPrimitives.WriteUInt64LittleEndian(bytes.AsSpan(offset), file);
            BinaryPrimitives.WriteUInt64LittleEndian(bytes.AsSpan(offset + 8), entry.Version);
            BinaryPrimitives.WriteUInt64LittleEndian(bytes.AsSpan(offset + 16), entry.Policy);
            offset += RecordSize;
        }
        return bytes;
    }

    public static FileLedger Parse(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length >= HeaderSize && bytes[..Magic.Length].SequenceEqual(Magic))
        {
            var records = bytes[HeaderSize..];
            if (records.Length % RecordSize != 0)
                throw new InvalidDataException($"Ledger length {bytes.Length} is not a {HeaderSize}-byte header and {RecordSize}-byte records.");
            var ledger = new FileLedger(records.Length / RecordSize);
            for (var offset = 0; offset < records.Length; offset += RecordSize)
            {
                ledger._entries[BinaryPrimitives.ReadUInt64LittleEndian(records[offset..])] = new Entry(
                    BinaryPrimitives.ReadUInt64LittleEndian(records[(offset + 8)..]), BinaryPrimitives.ReadUInt64LittleEndian(records[(offset + 16)..]));
            }
            return ledger;
        }
        if (bytes.Length % LegacyRecordSize != 0)
            throw new InvalidDataException($"Ledger length {bytes.Length} is not a multiple of {LegacyRecordSize}.");
        var legacy = new FileLedger(bytes.Length / LegacyRecordSize);
        for (var offset = 0; offset < bytes.Length; offset += LegacyRecordSize)
        {
            legacy._entries[BinaryPrimitives.ReadUInt64LittleEndian(bytes[offset..])] =
                new Entry(BinaryPrimitives.ReadUInt64LittleEndian(bytes[(offset + 8)..]), UnknownPolicy);
        }
        return legacy;
    }

    internal static ulong Hash(string value)
    {
        Span<byte> digest = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(value), digest);
        return BinaryPrimitives.ReadUInt64LittleEndian(digest);
    }

    /// <summary>A policy's hash, never one of the two reserved values.</summary>
    private static ulong PolicyHash(string policy) => Hash(policy) is var hash && hash is UnknownPolicy or NoOutput ? 1 : hash;

    private readonly record struct Entry(ulong Version, ulong Policy);
}

/// <summary>How a listed file version stands against the ledger.</summary>
public enum LedgerMatch
{
    /// <summary>The file is not recorded: process it.</summary>
    New,

    /// <summary>Another version of the file is recorded, with an output: process it; its old output is superseded.</summary>
    Changed,

    /// <summary>Another version of the file is recorded, without an output (it was quarantined): process it.</summary>
    ChangedWithoutOutput,

    /// <summary>This version is recorded with an output written under another (or an unknown) policy: reprocess it when asked to.</summary>
    OtherPolicy,

    /// <summary>This version is done under this policy, or has no output: skip it.</summary>
    Done,
}
