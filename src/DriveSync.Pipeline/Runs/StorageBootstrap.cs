using DriveSync.Pipeline.Ports;

namespace DriveSync.Pipeline.Runs;

/// <summary>Creates the state and output containers once per process.</summary>
public sealed class StorageBootstrap(IBlobStore blobs, PipelineOptions options)
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private bool _done;

    public async Task EnsureAsync(CancellationToken cancellationToken)
    {
        if (_done)
            return;
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_done)
                return;
            await blobs.EnsureContainerAsync(options.StateContainer, cancellationToken);
            await blobs.EnsureContainerAsync(options.OutputContainer, cancellationToken);
            _done = true;
        }
        finally
        {
            _gate.Release();
        }
    }
}
