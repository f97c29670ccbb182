using System.Runtime;
using DriveSync.Bench;

// The GC settings come from DriveSync.Bench.csproj, which mirrors the product's (src/DriveSync.Host/DriveSync.Host.csproj).
Console.WriteLine($"GC: {(GCSettings.IsServerGC ? "server" : "workstation")}, {(GCSettings.LatencyMode == GCLatencyMode.Batch ? "non-concurrent" : "concurrent")}, {Environment.ProcessorCount} cores");
return args.Length == 0 ? Usage() : args[0] switch
{
    "drive" => await DriveBench.RunAsync(args[1..]),
    "pdf" => PdfBench.Run(args[1..]),
    "pipeline" => await PipelineBench.RunAsync(args[1..]),
    "sanitize" => await SanitizerBench.RunAsync(args[1..]),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: dotnet run -c Release --project bench/DriveSync.Bench -- <bench> [options]");
    Console.Error.WriteLine("  drive [--files N] [--folders N] [--max-bytes N] [--concurrency N] [--fault-rate F] [--list-only] [--paced-listing]   Drive listing + download against the emulator");
    Console.Error.WriteLine("  pdf [--letter-runs N] [--statement-pages N] [--statement-runs N]   PDF redaction pages/s and peak working set");
    Console.Error.WriteLine("  pipeline [--small N] [--small-bytes N] [--large N] [--large-mb N] [--quota-files N] [--scenarios small,large,quota] [--alloc-profile]   runs emulator -> Azurite and -> null sink: files/s, MB/s, calls, checkpoints, working set");
    Console.Error.WriteLine("  sanitize [--mb 100] [--big-gb 2] [--docx 200]   text sanitizer MiB/s vs the original regexes, peak working set on a 2 GiB file, DOCX documents/s");
    return 2;
}
