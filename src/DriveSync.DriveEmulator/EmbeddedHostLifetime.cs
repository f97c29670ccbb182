using Microsoft.Extensions.Hosting;

namespace DriveSync.DriveEmulator;

/// <summary>
/// The emulator runs embedded in other processes (tests, <c>drivesync demo</c>, <c>emulate-drive</c>): it must not
/// take over the process's SIGTERM/Ctrl+C handling the way the default console lifetime does. Its owner stops it
/// by disposing the <see cref="DriveEmulatorServer"/>.
/// </summary>
internal sealed class EmbeddedHostLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
