using System.Security.Cryptography;
using DriveSync.Testing;

namespace DriveSync.AzureStorage.Tests;

/// <summary>Runs alone (serial collection) because it measures process-wide allocations.</summary>
[Collection(AzuriteSerialCollection.Name)]
public sealed class LargeUploadTests(AzuriteFixture azurite)
{
    private const long Size = 200L * 1024 * 1024;
    private const long AllocationBudget = 64L * 1024 * 1024;

    [Fact]
    public async Task UploadAsync_200MiBNonSeekableStream_AllocatesUnder64MiBAndDownloadsIdenticalBytes()
    {
        using var cts = TestTimeout.Start(TimeSpan.FromSeconds(150));
        var container = await TestData.NewContainerAsync(azurite.CreateClient(), cts.Token);
        await container.UploadAsync("warm-up", new PatternStream(16 * 1024 * 1024, seed: 1), cancellationToken: cts.Token);
        await using var source = new PatternStream(Size, seed: 42);

        var before = GC.GetTotalAllocatedBytes(precise: true);
        var info = await container.UploadAsync("big.bin", source, new BlobUploadOptions { ContentType = "application/octet-stream" }, cts.Token);
        var uploadAllocated = GC.GetTotalAllocatedBytes(precise: true) - before;

        before = GC.GetTotalAllocatedBytes(precise: true);
        var (downloadedLength, downloadedHash) = await DownloadHashAsync(container, "big.bin", cts.Token);
        var downloadAllocated = GC.GetTotalAllocatedBytes(precise: true) - before;

        TestContext.Current.TestOutputHelper?.WriteLine($"200 MiB upload allocated {uploadAllocated:N0} bytes, download {downloadAllocated:N0} bytes.");
        Assert.Equal(Size, info.ContentLength);
        Assert.Equal(Size, source.BytesRead);
        Assert.True(uploadAllocated < AllocationBudget, $"upload allocated {uploadAllocated:N0} bytes");
        Assert.True(downloadAllocated < AllocationBudget, $"download allocated {downloadAllocated:N0} bytes");
        Assert.Equal(Size, downloadedLength);
        Assert.Equal(Convert.ToHexString(source.Hash()), Convert.ToHexString(downloadedHash));
    }

    private static async Task<(long Length, byte[] Hash)> DownloadHashAsync(BlobContainerClient container, string name, CancellationToken ct)
    {
        await using var download = await container.DownloadAsync(name, cancellationToken: ct);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[81920];
        long length = 0;
        int read;
        while ((read = await download.Content.ReadAsync(buffer, ct)) > 0)
        {
            hash.AppendData(buffer, 0, read);
            length += read;
        }

        return (length, hash.GetHashAndReset());
    }

    /// <summary>A non-seekable stream of pseudo-random bytes (xorshift) that hashes what it hands out.</summary>
    private sealed class PatternStream(long length, ulong seed) : Stream
    {
        private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        private ulong _state = seed | 1;

        public long BytesRead { get; private set; }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public byte[] Hash() => _hash.GetHashAndReset();

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            var count = (int)Math.Min(buffer.Length, length - BytesRead);
            var span = buffer[..count];
            for (var i = 0; i < span.Length; i++)
            {
                _state ^= _state << 13;
                _state ^= _state >> 7;
                _state ^= _state << 17;
                span[i] = (byte)_state;
            }

            _hash.AppendData(span);
            BytesRead += count;
            return count;
        }

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(Read(buffer.Span));

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _hash.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
