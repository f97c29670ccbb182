using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace DriveSync.Host.Tests;

/// <summary>A stand-in OTLP/HTTP collector on a free port: keeps each export's path and raw protobuf body (the OTLP "wire").</summary>
public sealed class OtlpReceiver : IAsyncDisposable
{
    private LoopbackServer? server;

    public ConcurrentQueue<(string Path, byte[] Body)> Exports { get; } = new();

    public Uri Endpoint { get; private set; } = null!;

    public static async Task<OtlpReceiver> StartAsync(CancellationToken cancellationToken)
    {
        var receiver = new OtlpReceiver();
        receiver.server = await LoopbackServer.StartAsync(
            app => app.MapPost("/v1/{signal}", async (string signal, HttpRequest request) =>
            {
                using var body = new MemoryStream();
                await request.Body.CopyToAsync(body);
                receiver.Exports.Enqueue(("/v1/" + signal, body.ToArray()));
                return Results.Bytes([], "application/x-protobuf");
            }),
            cancellationToken);
        receiver.Endpoint = new Uri(receiver.server.Address + "/");
        return receiver;
    }

    public async ValueTask DisposeAsync()
    {
        if (server is not null)
            await server.DisposeAsync();
    }
}
