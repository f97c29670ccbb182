using System.Diagnostics;
using DriveSync.Testing;

namespace DriveSync.DurableEngine.Tests;

/// <summary>The toy engine host (DriveSync.DurableEngine.TestHost) as a child process on a task hub, with the engine's default settings.</summary>
internal sealed class EngineProcess : IDisposable
{
    private readonly Process _process;
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private EngineProcess(Process process)
    {
        _process = process;
    }

    public static EngineProcess Start(AzuriteFixture azurite, string taskHub)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        info.ArgumentList.Add("exec");
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "DriveSync.DurableEngine.TestHost.dll"));
        info.Environment["DriveSync__Storage__ConnectionString"] = azurite.ConnectionString;
        info.Environment["DriveSync__Durable__TaskHubName"] = taskHub;
        info.Environment["Logging__LogLevel__Default"] = "Warning";
        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var engine = new EngineProcess(process);
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data == "engine-ready")
            {
                engine._ready.TrySetResult();
            }
        };
        process.ErrorDataReceived += (_, _) => { };
        process.Exited += (_, _) => engine._ready.TrySetException(new InvalidOperationException("The engine process exited during start-up."));
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return engine;
    }

    /// <summary>Completes when the engine has started (task hub created, worker dispatching).</summary>
    public Task ReadyAsync(TimeSpan timeout) => _ready.Task.WaitAsync(timeout);

    /// <summary>SIGKILL: no shutdown, leases and dequeued messages are left as they are.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(TimeSpan.FromSeconds(30));
        }

        _process.Dispose();
    }
}
