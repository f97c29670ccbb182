using DriveSync.Pipeline.State;

namespace DriveSync.Pipeline.Runs;

/// <summary>Cuts a page's files into batches of at most <c>BatchSize</c> files and <c>BatchByteCap</c> bytes, in listing order.</summary>
public static class BatchPlanner
{
    public static IReadOnlyList<IReadOnlyList<BatchFile>> Plan(IReadOnlyList<BatchFile> files, int batchSize, long byteCap)
    {
        var batches = new List<IReadOnlyList<BatchFile>>();
        var current = new List<BatchFile>();
        long bytes = 0;
        foreach (var file in files)
        {
            if (current.Count > 0 && (current.Count >= batchSize || bytes + file.Size > byteCap))
            {
                batches.Add(current);
                current = [];
                bytes = 0;
            }
            current.Add(file);
            bytes += file.Size;
        }
        if (current.Count > 0)
            batches.Add(current);
        return batches;
    }
}
