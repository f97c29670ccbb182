using System.Net;
using System.Net.Sockets;

namespace DriveSync.Testing;

/// <summary>Free loopback TCP ports, chosen by the operating system.</summary>
public static class FreePort
{
    /// <summary>
    /// A port that was free a moment ago (the OS picked it for a port-0 bind). Prefer binding port 0 yourself
    /// when the server allows it; this is for servers that need the number up front.
    /// </summary>
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
