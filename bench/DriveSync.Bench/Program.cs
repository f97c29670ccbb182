using System.Runtime;
using DriveSync.Bench;

// The GC settings come from DriveSync.Bench.csproj, which mirrors the product's (src/DriveSync.Host/DriveSync.Host.csproj).
Console.WriteLine($"GC: {(GCSettings.IsServerGC ? "server" : "workstation")}, {(GCSettings.LatencyMode == GCLatencyMode.Batch ? "non-concurrent" : "concurrent")}, {Environment.ProcessorCount} cores");
return args.Length == 0 ? Usage() : args[0] switch
{
    "api" => await ApiBench.RunAsync(args[1..]),
    "drive" => await DriveBench.RunAsync(args[1..]),
    "engine" => await EngineBench.RunAsync(args[1..]),
    "ledger" => LedgerBench.Run(args[1..]),
    "pdf" => PdfBench.Run(args[1..]),
    "pipeline" => await PipelineBench.RunAsync(args[1..]),
    "reprocess" => await ReprocessBench.RunAsync(args[1..]),
    "sanitize" => await SanitizerBench.RunAsync(args[1..]),
    "original-regexes" => await SanitizerProcessBench.OriginalRegexesAsync(args[1..]),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: dotnet run -c Release --project bench/DriveSync.Bench -- <bench> [options]");
    Console.Error.WriteLine("  api [--instances N] [--concurrency N] [--rounds N] [--body-clients N] [--body-mb N] serve's instance list p50/p99 on the embedded engine over Azurite; working set under oversized bodies");
    Console.Error.WriteLine("  drive [--files N] [--folders N] [--max-bytes N] [--concurrency N] [--fault-rate F] [--list-only] [--paced-listing]   Drive listing + download against the emulator");
    Console.Error.WriteLine("  engine [--starts N] [--orchestrations N]   embedded durable engine on Azurite: cold start to first completion, task-hub rows/bytes per toy orchestration");
    Console.Error.WriteLine("  ledger [--files 1000000]   the file ledger's heap and stored bytes per entry, against the same entries kept as strings");
    Console.Error.WriteLine("  pdf [--letter-runs N] [--statement-pages N] [--statement-runs N]   PDF redaction pages/s and peak working set");
    Console.Error.WriteLine("  pipeline [--small N] [--small-bytes N] [--large N] [--large-mb N] [--quota-files N] [--scenarios small,large,quota] [--alloc-profile]   runs emulator -> Azurite and -> null sink: files/s, MB/s, calls, checkpoints, working set");
    Console.Error.WriteLine("  reprocess [--files 10000]   a full run, then a run after a new custom pattern: listing calls and downloads per file of each");
    Console.Error.WriteLine("  sanitize [--mb 100] [--big-gb 2] [--docx 200] [--process-mb 200] [--rounds 3] [--cli a.dll,b.dll] [--baseline old/DriveSync.Sanitization.dll]   text sanitizer MiB/s vs the original regexes (sparse and dense text, in memory and whole process) and vs a baseline build in the same process, peak working set on a 2 GiB file, DOCX documents/s");
    Console.Error.WriteLine("  original-regexes <in> <out>   the original script's three regexes over one file (run by the sanitize bench as a process)");
    return 2;
}
