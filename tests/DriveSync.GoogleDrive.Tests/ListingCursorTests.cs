namespace DriveSync.GoogleDrive.Tests;

public sealed class ListingCursorTests
{
    [Fact]
    public void ToJson_CursorWithGroupsQueueAndTargets_RoundTrips()
    {
        var cursor = ListingCursor.Start("root") with
        {
            Groups = [new FolderGroup(["a", "b"], "tok/1+="), new FolderGroup(["c"])],
            Queue = ["d", "e"],
            ShortcutTargets = ["t1"],
            GroupCap = 25,
            PagesFetched = 7,
        };

        var back = ListingCursor.FromJson(cursor.ToJson());

        Assert.Equal(cursor, back);
        Assert.Equal(["a", "b"], back.Groups[0].FolderIds);
        Assert.Equal("tok/1+=", back.Groups[0].PageToken);
        Assert.False(back.IsComplete);
    }

    [Theory]
    [InlineData("{not json")]
    [InlineData("null")]
    [InlineData("""{"current":{"id":"root","path":""},"pending":[{"id":"a","path":"Cases/Jane Doe"}],"pagesFetched":3}""")]
    [InlineData("""{"v":2,"groups":[{"folderIds":["a"]}]}""")]
    [InlineData("""{"v":2,"root":"root","groups":[{"folderIds":[]}]}""")]
    public void FromJson_NotACursorOfThisVersion_ThrowsFormatException(string json) =>
        Assert.Throws<FormatException>(() => ListingCursor.FromJson(json));

    [Fact]
    public void IsComplete_NoGroupsNoQueue_True()
    {
        Assert.False(ListingCursor.Start("root").IsComplete);
        Assert.False((ListingCursor.Start("root") with { Groups = [], Queue = ["a"] }).IsComplete);
        Assert.True((ListingCursor.Start("root") with { Groups = [] }).IsComplete);
    }

    [Theory]
    [InlineData("a")]
    [InlineData("1E00000001aabbccddeeff00112233|x'y|back\\slash")]
    public void FolderGroupQuery_Length_MatchesTheQuery(string joined)
    {
        var ids = joined.Split('|');

        Assert.Equal(FolderGroupQuery.For(ids).Length, FolderGroupQuery.Length(ids.Length, ids.Sum(FolderGroupQuery.IdChars)));
    }

    [Theory]
    [InlineData(50, 3000, 50)]
    [InlineData(10, 3000, 10)]
    [InlineData(50, 400, 8)]
    [InlineData(50, 200, 4)]
    [InlineData(50, 10, 1)]
    public void WithCurrentGroup_QueueOf60_TakesWhatSizeAndQueryLengthAllow(int maxFolders, int maxQueryLength, int expected)
    {
        var ids = Enumerable.Range(0, 60).Select(i => $"1E{i:x8}0011223344556677").ToList();
        var cursor = ListingCursor.Start("root") with { Groups = [], Queue = [.. ids] };

        var next = cursor.WithCurrentGroup(maxFolders, maxQueryLength);

        Assert.Equal(ids.Take(expected), next.Groups.Single().FolderIds);
        Assert.Equal(ids.Skip(expected), next.Queue);
        Assert.True(expected == 1 || FolderGroupQuery.For(next.Groups[0].FolderIds).Length <= maxQueryLength);
    }

    [Fact]
    public void SplitCurrentGroup_FiveFolders_HalvesInOrderAndCapsLaterGroups()
    {
        var cursor = ListingCursor.Start("root") with
        {
            Groups = [new FolderGroup(["a", "b", "c", "d", "e"]), new FolderGroup(["f"]), new FolderGroup(["k", "l", "m", "n"])],
            Queue = ["g", "h", "i", "j"],
        };

        var split = cursor.SplitCurrentGroup();

        Assert.Equal([["a", "b", "c"], ["d", "e"], ["f"], ["k", "l", "m"], ["n"]], split.Groups.Select(g => g.FolderIds.ToArray()));
        Assert.Equal(3, split.GroupCap);
        Assert.Equal(["g", "h", "i"], (split with { Groups = [] }).WithCurrentGroup(50, 3000).Groups[0].FolderIds);
    }
}
