using System.Net.Sockets;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace DriveSync.Testing;

/// <summary>
/// Starts the Durable Task in-process test host on a port the OS just had free. Left to itself the host draws a random
/// port between 30000 and 40000 without checking it, which collides with the ephemeral ports of the servers other tests
/// start (Azurite, the Drive emulator, Kestrel on port 0); a port taken in the moment before the bind is tried again.
/// </summary>
public static class InProcessEngine
{
    private const int Attempts = 3;

    public static async Task<DurableTaskTestHost> StartAsync(
        Action<DurableTaskRegistry> register, Action<IServiceCollection>? configureServices, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var options = new DurableTaskTestHostOptions { Port = FreePort.Next(), ConfigureServices = configureServices };
            try
            {
                return await DurableTaskTestHost.StartAsync(register, options, cancellationToken)
                    .WaitAsync(TimeSpan.FromSeconds(60), cancellationToken);
            }
            catch (IOException exception) when (attempt < Attempts
                && exception.GetBaseException() is SocketException { SocketErrorCode: SocketError.AddressAlreadyInUse })
            {
                // Taken between the draw and the bind: draw another port.
            }
        }
    }
}
