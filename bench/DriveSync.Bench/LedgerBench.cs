using DriveSync.Pipeline.Ledger;

namespace DriveSync.Bench;

/// <summary>
/// The ledger's managed heap per entry and stored bytes per entry, for N files with Drive-shaped ids, against a baseline
/// of the same entries kept as strings (id → md5). Run alone: the heap figure is process-wide.
/// </summary>
public static class LedgerBench
{
    private const string Policy = "drivesync-sanitizer/bench+000000000000";
    private const string Md5 = "0123456789abcdef0123456789abcdef";

    public static int Run(string[] args)
    {
        var files = BenchArgs.Int(args, "--files", 1_000_000);
        var (ledgerBytes, ledger) = Measure(() =>
        {
            var built = new FileLedger();
            for (var i = 0; i < files; i++)
                built.Set(FileId(i), Md5, Policy);
            return built;
        });
        var (stringBytes, strings) = Measure(() =>
        {
            var built = new Dictionary<string, string>();
            for (var i = 0; i < files; i++)
                built[FileId(i)] = Md5;
            return built;
        });
        var stored = ledger.Serialize().Length;
        Console.WriteLine($"ledger, {files:N0} files: {(double)ledgerBytes / files:F1} bytes of heap per entry, {(double)stored / files:F1} stored bytes per entry");
        Console.WriteLine($"baseline (id → md5 strings), {strings.Count:N0} files: {(double)stringBytes / files:F1} bytes of heap per entry");
        return 0;
    }

    private static (long Bytes, T Value) Measure<T>(Func<T> build)
    {
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var value = build();
        var after = GC.GetTotalMemory(forceFullCollection: true);
        GC.KeepAlive(value);
        return (after - before, value);
    }

    private static string FileId(int i) => $"1AbCdEfGhIjKlMnOpQrStUvWxYz{i:D7}";
}
