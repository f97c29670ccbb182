using System.Security.Cryptography;

namespace DriveSync.GoogleDrive;

/// <summary>The state of one download across its attempts: bytes written so far and their running MD5.</summary>
internal sealed class MediaTransfer(Stream destination) : IDisposable
{
    private readonly long _origin = destination.CanSeek ? destination.Position : 0;
    private IncrementalHash _md5 = IncrementalHash.CreateHash(HashAlgorithmName.MD5);

    public long Written { get; private set; }

    public int Attempts { get; set; }

    /// <summary>True when the destination can be cut back to where the download began.</summary>
    public bool CanRewind => destination.CanSeek;

    public async ValueTask WriteAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        await destination.WriteAsync(data, cancellationToken);
        _md5.AppendData(data.Span);
        Written += data.Length;
    }

    public void Rewind()
    {
        destination.SetLength(_origin);
        destination.Position = _origin;
        _md5.Dispose();
        _md5 = IncrementalHash.CreateHash(HashAlgorithmName.MD5);
        Written = 0;
    }

    public string Md5Hex() => Convert.ToHexStringLower(_md5.GetCurrentHash());

    public void Dispose() => _md5.Dispose();
}
