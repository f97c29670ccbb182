using DriveSync.GoogleDrive;
using DriveSync.Pipeline.Adapters;
using DriveSync.Pipeline.Ports;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace DriveSync.Pipeline.Tests;

/// <summary>
/// Counts downloads in progress at once through the real Drive source (registered before the pipeline, which uses
/// TryAdd); everything else passes straight through to <see cref="GoogleDriveSource"/>.
/// </summary>
public sealed class ConcurrencyProbe
{
    private int _current;
    private int _max;

    /// <summary>The most downloads that were in progress at the same time.</summary>
    public int MaxConcurrentDownloads => Volatile.Read(ref _max);

    public void Register(IServiceCollection services) =>
        services.AddSingleton<IDriveSource>(sp => new ProbedSource(
            new GoogleDriveSource(sp.GetRequiredService<DriveClient>(), sp.GetRequiredService<DriveOcrConverter>(), sp.GetRequiredService<IOptions<DriveOptions>>().Value),
            this));

    private void Enter()
    {
        var now = Interlocked.Increment(ref _current);
        int seen;
        while (now > (seen = Volatile.Read(ref _max)) && Interlocked.CompareExchange(ref _max, now, seen) != seen)
        {
        }
    }

    private void Leave() => Interlocked.Decrement(ref _current);

    private sealed class ProbedSource(IDriveSource inner, ConcurrencyProbe probe) : IDriveSource
    {
        public string SourceId => inner.SourceId;

        public Task<SourcePage> ListPageAsync(string? cursor, CancellationToken cancellationToken) => inner.ListPageAsync(cursor, cancellationToken);

        public async Task DownloadAsync(SourceFile file, Stream destination, CancellationToken cancellationToken)
        {
            probe.Enter();
            try
            {
                await inner.DownloadAsync(file, destination, cancellationToken);
            }
            finally
            {
                probe.Leave();
            }
        }

        public Task<ChangesStart> StartChangesAsync(CancellationToken cancellationToken) => inner.StartChangesAsync(cancellationToken);

        public Task<ChangesPage?> ListChangesAsync(string token, CancellationToken cancellationToken) => inner.ListChangesAsync(token, cancellationToken);

        public bool CanConvertByOcr(SourceFile file) => inner.CanConvertByOcr(file);

        public Task ConvertToDocxAsync(SourceFile file, Stream destination, CancellationToken cancellationToken) => inner.ConvertToDocxAsync(file, destination, cancellationToken);

        public Task MoveToFolderAsync(string fileId, string folderId, CancellationToken cancellationToken) => inner.MoveToFolderAsync(fileId, folderId, cancellationToken);

        public FailureKind Classify(Exception exception) => inner.Classify(exception);
    }
}
