using System.Diagnostics;
using System.IO.Compression;
using System.Text;
using System.Text.Json;
using System.Xml.Linq;
using DriveSync.Pipeline.State;
using DriveSync.Testing;

namespace DriveSync.Host.Tests.Cli;

/// <summary>One <c>drivesync demo</c> of the real CLI over the bundled <c>samples/drive</c>, its output in a temp folder.</summary>
public sealed class DemoRun : IAsyncLifetime
{
    private readonly TempDir dir = new();

    public CliResult Result { get; private set; } = null!;
    public IReadOnlyDictionary<string, FileResult> Files { get; private set; } = null!;

    public string OutputOf(string name) => Path.Combine(dir.Path, "output", Files[name].Output!);

    public async ValueTask InitializeAsync()
    {
        Result = await CliProcess.RunAsync(TimeSpan.FromSeconds(150), "demo", "--samples", Path.Combine(RepoPaths.Root, "samples", "drive"), "--output", dir.Path);
        Files = File.Exists(Path.Combine(dir.Path, "manifest.jsonl"))
            ? File.ReadAllLines(Path.Combine(dir.Path, "manifest.jsonl")).Select(l => JsonSerializer.Deserialize<FileResult>(l, StateJson.Options)!).ToDictionary(f => f.Name)
            : new Dictionary<string, FileResult>();
    }

    public ValueTask DisposeAsync()
    {
        dir.Dispose();
        return ValueTask.CompletedTask;
    }
}

public sealed class DemoCliTests(DemoRun run) : IClassFixture<DemoRun>
{
    [Fact]
    public void Demo_BundledSamples_ExitsZeroWithOneOutcomePerSample()
    {
        Assert.True(run.Result.ExitCode == 0, run.Result.AllOutput);
        Assert.Equal(
            [
                ("CP2000 notice for SSN [SSN].txt", FileOutcome.Uploaded), ("Case notes.docx", FileOutcome.Uploaded),
                ("Letter to Maria Example.docx", FileOutcome.Uploaded), ("Notice CP2000 tax year 2022.pdf", FileOutcome.Uploaded),
                ("Scanned W-2 2024.pdf", FileOutcome.Uploaded), ("customers.csv", FileOutcome.Uploaded), ("photos.zip", FileOutcome.Quarantined),
            ],
            run.Files.Values.OrderBy(f => f.Name, StringComparer.Ordinal).Select(f => (f.Name, f.Outcome)));
        Assert.DoesNotContain("529-81-4406", run.Result.AllOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Demo_TextPdf_UploadedAsPdfWithoutThePlantedValues()
    {
        var file = run.Files["Notice CP2000 tax year 2022.pdf"];
        var text = await PdftotextAsync(run.OutputOf(file.Name));

        Assert.EndsWith("/Notice CP2000 tax year 2022.pdf", file.Output, StringComparison.Ordinal);
        Assert.Equal(new Dictionary<string, long> { ["ACCOUNT"] = 1, ["ADDRESS"] = 1, ["EMAIL"] = 1, ["NAME"] = 1, ["PHONE"] = 3, ["SSN"] = 1 }, file.Pii.OrderBy(p => p.Key).ToDictionary());
        foreach (var planted in new[] { "529-81-4406", "Morgan", "Testcase", "morgan.testcase@example.org", "66031287", "1-800-555-0162", "555-0148" })
        {
            Assert.DoesNotContain(planted, text, StringComparison.Ordinal);
        }

        Assert.Contains("Proposed amount due: $731.00", text, StringComparison.Ordinal);
        Assert.Contains("Daytime phone on file:", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Demo_ScannedPdf_ConvertedByOcrToSanitizedDocx()
    {
        var file = run.Files["Scanned W-2 2024.pdf"];
        var text = DocxText(File.ReadAllBytes(run.OutputOf(file.Name)));

        Assert.EndsWith("/Scanned W-2 2024.pdf.docx", file.Output, StringComparison.Ordinal);
        Assert.NotNull(file.Note);
        Assert.Equal(new Dictionary<string, long> { ["ADDRESS"] = 2, ["EIN"] = 1, ["EMAIL"] = 1, ["NAME"] = 1, ["PHONE"] = 1, ["SSN"] = 1 }, file.Pii.OrderBy(p => p.Key).ToDictionary());
        Assert.Contains("a Employee's social security number: [SSN]", text, StringComparison.Ordinal);
        foreach (var planted in new[] { "611-27-0934", "36-4172905", "Riley", "555-0163", "riley.placeholder@example.com" })
        {
            Assert.DoesNotContain(planted, text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Demo_Zip_QuarantinedWithReasonAndNothingUploaded()
    {
        var file = run.Files["photos.zip"];

        Assert.Equal("unsupported format (.zip, application/zip)", file.Reason);
        Assert.Null(file.Output);
        Assert.Equal(0, file.BytesWritten);
    }

    [Fact]
    public async Task Demo_OutputFolderWithOtherFiles_ExitsTwoAndKeepsThem()
    {
        using var dir = new TempDir();
        var kept = dir.Write("notes.txt", "mine\n"u8.ToArray());

        var result = await CliProcess.RunAsync(TimeSpan.FromSeconds(60), "demo", "--output", dir.Path);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--output", result.Stderr, StringComparison.Ordinal);
        Assert.Equal("mine\n", File.ReadAllText(kept));
    }

    private static async Task<string> PdftotextAsync(string path)
    {
        var start = new ProcessStartInfo("pdftotext") { RedirectStandardOutput = true, UseShellExecute = false, StandardOutputEncoding = Encoding.UTF8 };
        foreach (var arg in new[] { "-enc", "UTF-8", "-layout", path, "-" })
        {
            start.ArgumentList.Add(arg);
        }

        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        using var process = Process.Start(start)!;
        var text = await process.StandardOutput.ReadToEndAsync(cts.Token);
        await process.WaitForExitAsync(cts.Token);
        Assert.Equal(0, process.ExitCode);
        return text;
    }

    private static string DocxText(byte[] docx)
    {
        using var zip = new ZipArchive(new MemoryStream(docx), ZipArchiveMode.Read);
        using var part = zip.GetEntry("word/document.xml")!.Open();
        XNamespace w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
        return string.Join("\n", XDocument.Load(part).Descendants(w + "p").Select(p => string.Concat(p.Descendants(w + "t").Select(t => t.Value))));
    }
}
