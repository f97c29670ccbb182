using System.Diagnostics;
using DriveSync.Pipeline.Runs;
using DriveSync.Pipeline.State;
using DriveSync.Testing;

namespace DriveSync.Pipeline.Tests;

/// <summary>
/// `drivesync run` as a real child process on the embedded engine (DTFx, task hub on Azurite), killed with SIGKILL and
/// started again: the next process resumes the run from the task hub.
/// </summary>
[Collection("Azurite")]
public sealed class ProcessKillTests(AzuriteFixture azurite)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task DrivesyncRun_KilledAtThreePointsAndRestarted_OutputsAndManifestEqualAnUninterruptedRun()
    {
        await using var harness = await PipelineHarness.StartAsync(azurite, CancellationToken.None);
        var ids = harness.AddTextFiles(1200);
        var random = new Random(20261125);
        var killPoints = new[] { random.Next(50, 300), random.Next(400, 650), random.Next(750, 1000) };
        string? runId = null;

        foreach (var killAt in killPoints)
        {
            using var child = StartDrivesyncRun(harness);
            await TestWait.UntilAsync(async () =>
            {
                runId ??= await harness.ActiveRunIdAsync();
                return child.HasExited || (runId is not null && await harness.FilesDoneAsync(runId) >= killAt);
            }, Timeout);
            Assert.False(child.HasExited, "drivesync run finished before it could be killed.");
            child.Kill();
            await child.WaitForExitAsync(TestContext.Current.CancellationToken).WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        }

        using var last = StartDrivesyncRun(harness);
        await last.WaitForExitAsync(TestContext.Current.CancellationToken).WaitAsync(Timeout, TestContext.Current.CancellationToken);

        Assert.Equal(0, last.ExitCode);
        var status = (await harness.SummaryAsync(runId!))!;
        Assert.Equal(RuntimeStatus.Completed, status.RuntimeStatus);
        Assert.Equal(ids.Count, status.Counters.Uploaded);
        var manifest = await harness.ReadManifestAsync(runId!);
        Assert.Equal(ids.Order(StringComparer.Ordinal), manifest.Select(m => m.Id).Order(StringComparer.Ordinal));
        Assert.All(manifest, m => Assert.Equal(FileOutcome.Uploaded, m.Outcome));
        var expected = await harness.ExpectedOutputsAsync();
        var outputs = await harness.ReadContainerAsync(harness.OutputContainer);
        Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), outputs.Keys.Order(StringComparer.Ordinal));
        Assert.All(expected, e => Assert.Equal(e.Value, outputs[e.Key].Content));
    }

    [Fact]
    public async Task DrivesyncRun_TwoProcessesStartedTogether_ShareOneRunWithoutDuplicateOutputs()
    {
        await using var harness = await PipelineHarness.StartAsync(azurite, CancellationToken.None);
        var ids = harness.AddTextFiles(1000);

        using var first = StartDrivesyncRun(harness);
        using var second = StartDrivesyncRun(harness);
        await Task.WhenAll(first.WaitForExitAsync(TestContext.Current.CancellationToken), second.WaitForExitAsync(TestContext.Current.CancellationToken))
            .WaitAsync(Timeout, TestContext.Current.CancellationToken);

        Assert.Equal(0, first.ExitCode);
        Assert.Equal(0, second.ExitCode);
        var state = await harness.ReadContainerAsync(harness.StateContainer);
        Assert.Single(state.Keys, k => k.EndsWith("/summary.json", StringComparison.Ordinal));
        var run = (await harness.SummaryAsync((await harness.ActiveRunIdAsync())!))!;
        Assert.Equal(ids.Count, run.Counters.Uploaded);
        var outputs = await harness.ReadContainerAsync(harness.OutputContainer);
        Assert.Equal(ids.Count, outputs.Count);
        var manifest = await harness.ReadManifestAsync(run.Id);
        Assert.Equal(ids.Order(StringComparer.Ordinal), manifest.Select(m => m.Id).Order(StringComparer.Ordinal));
    }

    /// <summary>Starts <c>drivesync run</c> as a child process with the harness's settings and its own task hub.</summary>
    internal static Process StartDrivesyncRun(PipelineHarness harness)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        info.ArgumentList.Add(DrivesyncDll());
        info.ArgumentList.Add("run");
        foreach (var (key, value) in harness.Settings)
            info.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        foreach (var (key, value) in harness.EngineSettings)
            info.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        var process = Process.Start(info)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    /// <summary>The CLI built in the same configuration as this test assembly (the project reference builds it first).</summary>
    private static string DrivesyncDll()
    {
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
        var path = Path.Combine(RepoPaths.Root, "src", "DriveSync.Host", "bin", configuration, "net10.0", "drivesync.dll");
        Assert.True(File.Exists(path), $"Build src/DriveSync.Host ({configuration}) first: {path} is missing.");
        return path;
    }
}
