namespace DriveSync.GoogleDrive.Tests;

public sealed class ListingCursorTests
{
    [Fact]
    public void ToJson_CursorWithQueue_RoundTrips()
    {
        var cursor = ListingCursor.Start("root") with
        {
            PageToken = "tok/1+=",
            Pending = [new PendingFolder("a", "A"), new PendingFolder("b", "A/B ü")],
            PagesFetched = 7,
        };

        var back = ListingCursor.FromJson(cursor.ToJson());

        Assert.Equal(cursor, back);
        Assert.Equal(["a", "b"], back.Pending.Select(p => p.Id));
        Assert.False(back.IsComplete);
    }

    [Fact]
    public void FromJson_Garbage_ThrowsFormatException() =>
        Assert.Throws<FormatException>(() => ListingCursor.FromJson("{not json"));

    [Fact]
    public void IsComplete_NoCurrentFolder_True() =>
        Assert.True((ListingCursor.Start("root") with { Current = null }).IsComplete);
}
