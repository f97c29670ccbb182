using System.IO.Compression;
using DriveSync.Sanitization.Documents;

namespace DriveSync.Sanitization.OpenXml;

/// <summary>
/// Reads an OOXML package with System.IO.Compression under the configured limits (size, entry count, decompressed
/// bytes, compression ratio, entry paths) and copies it into a fresh in-memory zip, before any OOXML parser sees it.
/// </summary>
internal static class SafePackageCopy
{
    /// <summary>The fixed entry time written to every output entry, so the same input gives the same bytes.</summary>
    public static readonly DateTimeOffset EntryTime = new(1980, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private const long RatioCheckFloor = 1024 * 1024;

    /// <summary>The input buffered in memory, at most <see cref="SanitizerOptions.MaxPackageBytes"/>.</summary>
    public static async Task<MemoryStream> BufferAsync(Stream input, SanitizerOptions options, CancellationToken cancellationToken)
    {
        var buffered = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await input.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffered.Length + read > options.MaxPackageBytes)
            {
                throw new DocumentQuarantineException($"package larger than the limit of {options.MaxPackageBytes} bytes (DriveSync:Sanitizer:MaxPackageBytes)");
            }

            buffered.Write(chunk, 0, read);
        }

        buffered.Position = 0;
        return buffered;
    }

    /// <summary>A checked copy of the zip in <paramref name="package"/>, entries in the same order with fixed times.</summary>
    public static MemoryStream Copy(Stream package, SanitizerOptions options, CancellationToken cancellationToken)
    {
        ZipArchive source;
        try
        {
            source = new ZipArchive(package, ZipArchiveMode.Read, leaveOpen: true);
        }
        catch (InvalidDataException)
        {
            throw new DocumentQuarantineException("not a valid OOXML package (unreadable zip)");
        }

        using (source)
        {
            if (source.Entries.Count > options.MaxPackageEntries)
            {
                throw new DocumentQuarantineException($"package has more than {options.MaxPackageEntries} entries (DriveSync:Sanitizer:MaxPackageEntries)");
            }

            if (source.GetEntry("[Content_Types].xml") is null)
            {
                throw new DocumentQuarantineException("not a valid OOXML package (no [Content_Types].xml)");
            }

            var copy = new MemoryStream();
            using (var target = new ZipArchive(copy, ZipArchiveMode.Create, leaveOpen: true))
            {
                CopyEntries(source, target, options, cancellationToken);
            }

            copy.Position = 0;
            return copy;
        }
    }

    /// <summary>Rewrites a zip with fixed entry times (and no other change), so saved packages are byte-for-byte reproducible.</summary>
    public static MemoryStream Normalize(Stream package, SanitizerOptions options, CancellationToken cancellationToken)
    {
        package.Position = 0;
        using var source = new ZipArchive(package, ZipArchiveMode.Read, leaveOpen: true);
        var copy = new MemoryStream();
        using (var target = new ZipArchive(copy, ZipArchiveMode.Create, leaveOpen: true))
        {
            CopyEntries(source, target, options, cancellationToken);
        }

        copy.Position = 0;
        return copy;
    }

    private static void CopyEntries(ZipArchive source, ZipArchive target, SanitizerOptions options, CancellationToken cancellationToken)
    {
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var total = 0L;
        var chunk = new byte[81920];
        foreach (var entry in source.Entries)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var name = entry.FullName;
            if (name.EndsWith('/'))
            {
                continue;
            }

            if (name.Length == 0 || name.StartsWith('/') || name.Contains('\\') || name.Split('/').Any(s => s is ".." or "." or ""))
            {
                throw new DocumentQuarantineException("package has an entry with an unsafe path");
            }

            if (!names.Add(name))
            {
                throw new DocumentQuarantineException("package has duplicate entries");
            }

            if (entry.Length > options.MaxDecompressedBytes - total)
            {
                throw new DocumentQuarantineException($"package decompresses to more than {options.MaxDecompressedBytes} bytes (DriveSync:Sanitizer:MaxDecompressedBytes)");
            }

            CheckRatio(entry.Length, entry.CompressedLength, options);
            var written = 0L;
            var output = target.CreateEntry(name, CompressionLevel.Optimal);
            output.LastWriteTime = EntryTime;
            using var from = entry.Open();
            using var to = output.Open();
            int read;
            while ((read = from.Read(chunk, 0, chunk.Length)) > 0)
            {
                written += read;
                total += read;
                if (total > options.MaxDecompressedBytes || written > entry.Length)
                {
                    throw new DocumentQuarantineException($"package decompresses to more than {options.MaxDecompressedBytes} bytes (DriveSync:Sanitizer:MaxDecompressedBytes)");
                }

                to.Write(chunk, 0, read);
            }

            CheckRatio(written, entry.CompressedLength, options);
        }
    }

    private static void CheckRatio(long decompressed, long compressed, SanitizerOptions options)
    {
        if (decompressed > RatioCheckFloor && decompressed / Math.Max(1, compressed) > options.MaxCompressionRatio)
        {
            throw new DocumentQuarantineException($"package entry compression ratio above {options.MaxCompressionRatio} (zip bomb suspected; DriveSync:Sanitizer:MaxCompressionRatio)");
        }
    }
}
