using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using PdfSharp.Pdf;

namespace DriveSync.Sanitization.Pdf;

/// <summary>Serializes exactly the objects reachable from a new catalog and info dictionary: a classic xref table, a trailer ID derived from the bytes, no dates and no XMP, so equal input gives equal output.</summary>
internal static class PdfOutputWriter
{
    public static byte[] Write(PdfDocument document, PdfDictionary catalog, PdfDictionary info, IReadOnlyCollection<PdfObject> objects)
    {
        var output = new MemoryStream();
        var version = Math.Max(document.Version, 14);
        WriteAscii(output, string.Create(CultureInfo.InvariantCulture, $"%PDF-{version / 10}.{version % 10}\n"));
        output.Write([(byte)'%', 0xE2, 0xE3, 0xCF, 0xD3, (byte)'\n']);

        var offsets = new SortedDictionary<int, (long Offset, int Generation)>();
        foreach (var item in objects.OrderBy(o => o.Reference!.ObjectNumber))
        {
            var reference = item.Reference!;
            offsets[reference.ObjectNumber] = (output.Position, reference.GenerationNumber);
            document.Internals.WriteObject(output, item);
            WriteAscii(output, "\n");
        }

        var id = Convert.ToHexString(SHA256.HashData(output.GetBuffer().AsSpan(0, (int)output.Position))[..16]);
        var xref = output.Position;
        var size = offsets.Keys.Max() + 1;
        var table = new StringBuilder("xref\n0 1\n0000000000 65535 f\r\n");
        var numbers = offsets.Keys.ToList();
        for (var i = 0; i < numbers.Count;)
        {
            var j = i;
            while (j + 1 < numbers.Count && numbers[j + 1] == numbers[j] + 1)
            {
                j++;
            }

            table.Append(CultureInfo.InvariantCulture, $"{numbers[i]} {j - i + 1}\n");
            for (var k = i; k <= j; k++)
            {
                var (offset, generation) = offsets[numbers[k]];
                table.Append(CultureInfo.InvariantCulture, $"{offset:D10} {generation:D5} n\r\n");
            }

            i = j + 1;
        }

        table.Append(CultureInfo.InvariantCulture, $"trailer\n<</Size {size}/Root {catalog.Reference!.ObjectNumber} {catalog.Reference.GenerationNumber} R/Info {info.Reference!.ObjectNumber} {info.Reference.GenerationNumber} R/ID[<{id}><{id}>]>>\nstartxref\n{xref}\n%%EOF\n");
        WriteAscii(output, table.ToString());
        return output.ToArray();
    }

    private static void WriteAscii(MemoryStream output, string text) => output.Write(Encoding.ASCII.GetBytes(text));
}
