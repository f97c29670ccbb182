using Microsoft.DurableTask;

namespace DriveSync.DurableEngine.Tests;

internal static class PageableExtensions
{
    /// <summary>Every item of every page (System.Linq.Async and the BCL both define ToListAsync; this sidesteps the clash).</summary>
    public static async Task<List<T>> CollectAsync<T>(this AsyncPageable<T> pageable, CancellationToken ct)
        where T : notnull
    {
        var items = new List<T>();
        await foreach (var item in pageable.WithCancellation(ct))
        {
            items.Add(item);
        }

        return items;
    }
}
