using System.Text.Json;

namespace DriveSync.Pipeline.State;

/// <summary>
/// A read-only, forward-only stream of JSON Lines produced on demand from groups of records: it asks for the next
/// group only when the reader has consumed the previous one, so at most one group and its serialized bytes are held
/// at a time. Each record is written exactly as <c>JsonSerializer.Serialize(stream, record, options)</c> writes it,
/// followed by <c>'\n'</c>. Read it asynchronously (the blob uploader does); its length is unknown.
/// </summary>
/// <typeparam name="T">The record type.</typeparam>
public sealed class JsonLinesStream<T>(IAsyncEnumerable<IReadOnlyList<T>> groups, JsonSerializerOptions options) : Stream
{
    private readonly MemoryStream _buffer = new();
    private IAsyncEnumerator<IReadOnlyList<T>>? _groups;
    private int _offset;
    private bool _finished;

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException("The length of a JSON Lines stream is not known before it ends.");

    public override long Position
    {
        get => throw new NotSupportedException("A JSON Lines stream cannot seek.");
        set => throw new NotSupportedException("A JSON Lines stream cannot seek.");
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        while (_offset == _buffer.Length)
        {
            if (_finished || buffer.IsEmpty)
                return 0;
            await FillAsync(cancellationToken);
        }
        var count = (int)Math.Min(buffer.Length, _buffer.Length - _offset);
        _buffer.GetBuffer().AsSpan(_offset, count).CopyTo(buffer.Span);
        _offset += count;
        return count;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count) =>
        throw new NotSupportedException("Read a JSON Lines stream asynchronously: its records are produced by asynchronous reads.");

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException("A JSON Lines stream cannot seek.");

    public override void SetLength(long value) => throw new NotSupportedException("A JSON Lines stream is read-only.");

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException("A JSON Lines stream is read-only.");

    public override async ValueTask DisposeAsync()
    {
        if (_groups is not null)
            await _groups.DisposeAsync();
        _buffer.Dispose();
        await base.DisposeAsync();
    }

    /// <summary>Serializes the next group into the (reused) buffer, or marks the stream finished.</summary>
    private async Task FillAsync(CancellationToken cancellationToken)
    {
        _groups ??= groups.GetAsyncEnumerator(cancellationToken);
        _buffer.SetLength(0);
        _offset = 0;
        if (!await _groups.MoveNextAsync())
        {
            _finished = true;
            return;
        }
        foreach (var record in _groups.Current)
        {
            JsonSerializer.Serialize(_buffer, record, options);
            _buffer.WriteByte((byte)'\n');
        }
    }
}
