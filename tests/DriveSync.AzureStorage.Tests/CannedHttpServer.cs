using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace DriveSync.AzureStorage.Tests;

/// <summary>
/// A wire-level fake for failures Azurite can't produce on demand (throttling): a loopback HTTP/1.1 server on an
/// OS-chosen port that answers the Nth request with the status and x-ms-error-code the test gives.
/// </summary>
internal sealed class CannedHttpServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly Func<int, (int Status, string? ErrorCode)> _respond;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private int _requests;

    public CannedHttpServer(Func<int, (int Status, string? ErrorCode)> respond)
    {
        _respond = respond;
        _listener.Start();
        _loop = Task.Run(AcceptLoopAsync);
    }

    public Uri Endpoint => new($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/devstoreaccount1");

    public int Requests => Volatile.Read(ref _requests);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _loop.WaitAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _stop.Dispose();
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            using (client)
            {
                await AnswerAsync(client.GetStream());
            }
        }
    }

    private async Task AnswerAsync(NetworkStream stream)
    {
        var head = new StringBuilder();
        var one = new byte[1];
        while (!head.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal) && await stream.ReadAsync(one, _stop.Token) == 1)
        {
            head.Append((char)one[0]);
        }

        var lengthLine = head.ToString().Split("\r\n").FirstOrDefault(l => l.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase));
        var remaining = lengthLine is null ? 0 : int.Parse(lengthLine["Content-Length:".Length..].Trim(), CultureInfo.InvariantCulture);
        var body = new byte[4096];
        while (remaining > 0)
        {
            remaining -= await stream.ReadAsync(body.AsMemory(0, Math.Min(body.Length, remaining)), _stop.Token);
        }

        var number = Interlocked.Increment(ref _requests);
        var (status, code) = _respond(number);
        var response = $"HTTP/1.1 {status} Canned\r\nContent-Length: 0\r\nx-ms-request-id: req-{number}\r\n"
            + (code is null ? string.Empty : $"x-ms-error-code: {code}\r\n")
            + "Connection: close\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(response), _stop.Token);
    }
}
