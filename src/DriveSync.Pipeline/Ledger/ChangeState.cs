using System.Buffers.Binary;
using System.Text.Json.Serialization;

namespace DriveSync.Pipeline.Ledger;

/// <summary>
/// What an incremental run of a source starts from (<c>sources/{source}/changes.json</c>): the changes token saved by
/// the last completed run, and the ids whose changes concern the source — the folders of its tree and the targets of
/// the shortcuts in it — as 64-bit hashes (8 bytes each, base64). A changed file concerns the source when its parent
/// or the file itself is watched.
/// </summary>
public sealed class ChangeState
{
    private readonly HashSet<ulong> _watched;

    public ChangeState(string token, string rootFolderId, IEnumerable<ulong> watchedHashes)
    {
        Token = token;
        RootFolderId = rootFolderId;
        _watched = [.. watchedHashes, FileLedger.Hash(rootFolderId)];
    }

    /// <summary>The changes token: changes made after it are listed.</summary>
    public string Token { get; }

    /// <summary>The source folder's own id (its parent lies outside the tree).</summary>
    public string RootFolderId { get; }

    /// <summary>How many ids are watched (the root included).</summary>
    public int WatchedCount => _watched.Count;

    /// <summary>True when the id is the source folder, a folder under it, or the target of a shortcut in it.</summary>
    public bool Watches(string? id) => id is not null && _watched.Contains(FileLedger.Hash(id));

    /// <summary>The same watched ids with a new token.</summary>
    public ChangeState WithToken(string token) => new(token, RootFolderId, _watched);

    public static ulong Hash(string id) => FileLedger.Hash(id);

    public Document ToDocument()
    {
        var bytes = new byte[_watched.Count * 8];
        var offset = 0;
        foreach (var id in _watched)
        {
            BinaryPrimitives.WriteUInt64LittleEndian(bytes.AsSpan(offset), id);
            offset += 8;
        }
        return new Document(Token, RootFolderId, Convert.ToBase64String(bytes));
    }

    public static ChangeState FromDocument(Document document)
    {
        var bytes = Convert.FromBase64String(document.Watched);
        if (bytes.Length % 8 != 0)
            throw new InvalidDataException($"The watched set length {bytes.Length} is not a multiple of 8.");
        var watched = new ulong[bytes.Length / 8];
        for (var i = 0; i < watched.Length; i++)
            watched[i] = BinaryPrimitives.ReadUInt64LittleEndian(bytes.AsSpan(i * 8));
        return new ChangeState(document.Token, document.Root, watched);
    }

    /// <summary>The stored form.</summary>
    public sealed record Document(
        [property: JsonPropertyName("token")] string Token,
        [property: JsonPropertyName("root")] string Root,
        [property: JsonPropertyName("watched")] string Watched);
}
