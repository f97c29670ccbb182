using System.Diagnostics;
using System.Text;
using DriveSync.Testing;

namespace DriveSync.Host.Tests.Cli;

/// <summary>
/// The real <c>drivesync</c> CLI as a child process: <c>dotnet drivesync.dll</c> from this test assembly's own output
/// directory (the Host project is referenced, so its build of the same configuration is copied beside the tests).
/// Standard output and error are collected as they arrive; disposing kills the process tree if it is still running.
/// </summary>
public sealed class CliProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly StringBuilder stdout = new();
    private readonly StringBuilder stderr = new();
    private readonly Lock sync = new();

    private CliProcess(Process process)
    {
        this.process = process;
    }

    /// <summary>The built CLI the tests run.</summary>
    public static string DllPath => Path.Combine(AppContext.BaseDirectory, "drivesync.dll");

    public int Id => process.Id;

    /// <summary>Standard output so far.</summary>
    public string Stdout
    {
        get
        {
            lock (sync)
            {
                return stdout.ToString();
            }
        }
    }

    /// <summary>Standard error so far.</summary>
    public string Stderr
    {
        get
        {
            lock (sync)
            {
                return stderr.ToString();
            }
        }
    }

    /// <summary>Starts <c>dotnet drivesync.dll <paramref name="args"/></c>.</summary>
    public static CliProcess Start(params string[] args)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        info.ArgumentList.Add(DllPath);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        info.Environment["DOTNET_NOLOGO"] = "1";
        var process = new Process { StartInfo = info };
        var cli = new CliProcess(process);
        process.OutputDataReceived += (_, e) => cli.Append(cli.stdout, e.Data);
        process.ErrorDataReceived += (_, e) => cli.Append(cli.stderr, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return cli;
    }

    /// <summary>Runs the CLI to completion; kills it and fails when <paramref name="timeout"/> passes first.</summary>
    public static async Task<CliResult> RunAsync(TimeSpan timeout, params string[] args)
    {
        await using var cli = Start(args);
        var exitCode = await cli.WaitForExitAsync(timeout);
        return new CliResult(exitCode, cli.Stdout, cli.Stderr);
    }

    /// <summary>Waits for the exit code; kills the process tree and throws <see cref="TimeoutException"/> after <paramref name="timeout"/>.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"drivesync did not exit within {timeout}. stdout: {Stdout} stderr: {Stderr}");
        }

        return process.ExitCode;
    }

    /// <summary>Waits until standard output holds a line containing <paramref name="marker"/> and returns the rest of that line after it.</summary>
    public async Task<string> WaitForLineAsync(string marker, TimeSpan timeout)
    {
        string? found = null;
        try
        {
            await TestWait.UntilAsync(() =>
            {
                found = Stdout.Split('\n').FirstOrDefault(l => l.Contains(marker, StringComparison.Ordinal));
                return Task.FromResult(found is not null || process.HasExited);
            }, timeout, TimeSpan.FromMilliseconds(50));
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"No line with '{marker}' within {timeout}. stdout: {Stdout} stderr: {Stderr}");
        }

        return found is null
            ? throw new InvalidOperationException($"drivesync exited without printing '{marker}'. stdout: {Stdout} stderr: {Stderr}")
            : found[(found.IndexOf(marker, StringComparison.Ordinal) + marker.Length)..].Trim();
    }

    /// <summary>Sends SIGTERM (what <c>docker stop</c>, systemd and Kubernetes send) with <c>kill -TERM</c>.</summary>
    public async Task TerminateAsync(TimeSpan timeout)
    {
        using var kill = Process.Start(new ProcessStartInfo("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]) { UseShellExecute = false })!;
        using var cts = new CancellationTokenSource(timeout);
        await kill.WaitForExitAsync(cts.Token);
        Assert.Equal(0, kill.ExitCode);
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await process.WaitForExitAsync(cts.Token);
        }

        process.Dispose();
    }

    private void Append(StringBuilder target, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (sync)
        {
            target.Append(line).Append('\n');
        }
    }
}

/// <summary>What a finished CLI run left: its exit code and everything it printed.</summary>
public sealed record CliResult(int ExitCode, string Stdout, string Stderr)
{
    /// <summary>Both streams, for assertion messages and leak checks.</summary>
    public string AllOutput => Stdout + Stderr;
}
