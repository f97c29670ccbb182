using DriveSync.Pipeline.Ledger;
using DriveSync.Pipeline.Orchestration;
using DriveSync.Pipeline.Runs;
using DriveSync.Pipeline.State;
using DriveSync.Pipeline.Work;

namespace DriveSync.Pipeline.Tests;

public sealed class BatchPlannerTests
{
    [Theory]
    [InlineData(0, 100, 1000L, 10L, new int[0])]
    [InlineData(250, 100, 1_000_000L, 10L, new[] { 100, 100, 50 })]
    [InlineData(10, 100, 35L, 10L, new[] { 3, 3, 3, 1 })]
    [InlineData(3, 100, 5L, 10L, new[] { 1, 1, 1 })]
    public void Plan_FilesCountAndBytes_CutsBatchesAtEitherCap(int files, int batchSize, long byteCap, long fileSize, int[] expected)
    {
        var list = Enumerable.Range(0, files).Select(i => new BatchFile($"f{i}", $"n{i}.txt", "text/plain", fileSize, 1, null, null)).ToList();

        var batches = BatchPlanner.Plan(list, batchSize, byteCap);

        Assert.Equal(expected, batches.Select(b => b.Count));
        Assert.Equal(list.Select(f => f.Id), batches.SelectMany(b => b).Select(f => f.Id));
    }
}

public sealed class FileLedgerTests
{
    [Fact]
    public void Contains_AfterSetAndRoundTrip_KnowsTheVersionAndNotOthers()
    {
        var ledger = new FileLedger();
        for (var i = 0; i < 1000; i++)
            ledger.Set($"file-{i}", $"md5-{i}", Policy);
        ledger.Set("file-1", "md5-new", Policy);

        var parsed = FileLedger.Parse(ledger.Serialize());

        Assert.Equal(1000, parsed.Count);
        Assert.True(parsed.Contains("file-2", "md5-2"));
        Assert.True(parsed.Contains("file-1", "md5-new"));
        Assert.False(parsed.Contains("file-1", "md5-1"));
        Assert.False(parsed.Contains("file-x", "md5-2"));
        Assert.Equal(16 + 24_000, ledger.Serialize().Length);
    }

    [Fact]
    public void Match_VersionsAndPolicies_TellNewChangedStaleAndDone()
    {
        var ledger = new FileLedger();
        ledger.Set("uploaded", "md5-a", Policy);
        ledger.Set("quarantined", "md5-q", null);

        var parsed = FileLedger.Parse(ledger.Serialize());

        Assert.Equal(LedgerMatch.New, parsed.Match("other", "md5-a", Policy));
        Assert.Equal(LedgerMatch.Done, parsed.Match("uploaded", "md5-a", Policy));
        Assert.Equal(LedgerMatch.OtherPolicy, parsed.Match("uploaded", "md5-a", Policy + "x"));
        Assert.Equal(LedgerMatch.Changed, parsed.Match("uploaded", "md5-b", Policy));
        Assert.Equal(LedgerMatch.Done, parsed.Match("quarantined", "md5-q", Policy + "x"));
        Assert.Equal(LedgerMatch.ChangedWithoutOutput, parsed.Match("quarantined", "md5-r", Policy));
    }

    [Fact]
    public void Parse_LedgerOfTheEarlierFormWithoutPolicies_ReadsEveryOutputAsWrittenUnderAnUnknownPolicy()
    {
        var legacy = new byte[32];
        BitConverter.TryWriteBytes(legacy.AsSpan(0, 8), HashOf("file-1"));
        BitConverter.TryWriteBytes(legacy.AsSpan(8, 8), HashOf("md5-1"));
        BitConverter.TryWriteBytes(legacy.AsSpan(16, 8), HashOf("file-2"));
        BitConverter.TryWriteBytes(legacy.AsSpan(24, 8), HashOf("md5-2"));

        var parsed = FileLedger.Parse(legacy);

        Assert.Equal(2, parsed.Count);
        Assert.True(parsed.Contains("file-1", "md5-1"));
        Assert.Equal(LedgerMatch.OtherPolicy, parsed.Match("file-2", "md5-2", Policy));
        Assert.Equal(LedgerMatch.Changed, parsed.Match("file-2", "md5-3", Policy));
    }

    private const string Policy = "drivesync-sanitizer/1.1+000000000000";

    private static ulong HashOf(string value) =>
        BitConverter.ToUInt64(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(value)), 0);

    [Fact]
    public void Parse_TruncatedBytes_ThrowsInvalidData() =>
        Assert.Throws<InvalidDataException>(() => FileLedger.Parse(new byte[17]));
}

public sealed class ListingDecisionTests
{
    [Theory]
    [InlineData(LedgerMatch.New, true, false, true, true, false, false)]
    [InlineData(LedgerMatch.Done, true, false, true, false, false, false)]
    [InlineData(LedgerMatch.Done, true, true, false, true, true, false)]
    [InlineData(LedgerMatch.OtherPolicy, true, false, false, true, true, false)]
    [InlineData(LedgerMatch.OtherPolicy, true, false, true, true, true, true)]
    [InlineData(LedgerMatch.OtherPolicy, false, false, true, false, false, false)]
    [InlineData(LedgerMatch.OtherPolicy, false, true, false, true, true, false)]
    [InlineData(LedgerMatch.Changed, true, false, false, true, false, false)]
    [InlineData(LedgerMatch.Changed, false, false, true, true, false, true)]
    [InlineData(LedgerMatch.ChangedWithoutOutput, true, false, true, true, false, true)]
    public void For_LedgerMatchAndSettings_DecidesProcessReprocessAndReplace(LedgerMatch match, bool onPolicyChange, bool all, bool deleteRemoved,
        bool process, bool reprocess, bool replacesVersions) =>
        Assert.Equal(new ListingDecision(process, reprocess, replacesVersions), ListingDecision.For(match, onPolicyChange, all, deleteRemoved));
}

public sealed class PipelineOptionsTests
{
    [Fact]
    public void Validate_Defaults_AreValid() => Assert.Empty(new PipelineOptions().Validate());

    [Theory]
    [InlineData("OutputContainer", "Bad_Name")]
    [InlineData("BatchSize", "0")]
    [InlineData("BatchSize", "1001")]
    [InlineData("MaxBatchesInFlight", "0")]
    [InlineData("PagesPerGeneration", "0")]
    [InlineData("MaxAttempts", "0")]
    [InlineData("FirstRetryInterval", "00:00:00")]
    [InlineData("MaxRetryInterval", "02:00:00")]
    [InlineData("ProgressWindowFiles", "0")]
    [InlineData("FileConcurrency", "65")]
    public void Validate_BadSetting_NamesTheSetting(string setting, string value)
    {
        var options = new PipelineOptions();
        var property = typeof(PipelineOptions).GetProperty(setting)!;
        property.SetValue(options, property.PropertyType == typeof(TimeSpan) ? TimeSpan.Parse(value, System.Globalization.CultureInfo.InvariantCulture)
            : property.PropertyType == typeof(int) ? int.Parse(value, System.Globalization.CultureInfo.InvariantCulture) : value);

        Assert.Contains(options.Validate(), e => e.Contains($"DriveSync:Pipeline:{setting}", StringComparison.Ordinal));
    }
}

public sealed class OutputNamingTests
{
    [Theory]
    [InlineData("letter.txt", null, "letter.txt")]
    [InlineData("Notes", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "Notes.docx")]
    [InlineData("a/b\\c.csv", null, "a_b_c.csv")]
    [InlineData("  ", null, "unnamed")]
    public void StoredName_SanitizedName_IsOneSafeSegmentWithExportExtension(string name, string? export, string expected) =>
        Assert.Equal(expected, OutputNaming.StoredName(name, export));

    [Fact]
    public void BlobName_SameFileAndVersion_IsTheSameName()
    {
        var file = new BatchFile("1aB-_x", "n.txt", "text/plain", 3, 4, "abc", null);
        Assert.Equal("1aB-_x/abc/n.txt", OutputNaming.BlobName(file));
        Assert.Equal("1aB-_x/v4/n.txt", OutputNaming.BlobName(file with { Md5 = null }));
    }
}

public sealed class ChangeStateTests
{
    [Fact]
    public void FromDocument_AfterToDocument_WatchesTheSameIdsAndRoot()
    {
        var state = new ChangeState("42", "root-id", Enumerable.Range(0, 1000).Select(i => ChangeState.Hash($"folder-{i}")));

        var parsed = ChangeState.FromDocument(state.ToDocument()).WithToken("43");

        Assert.Equal("43", parsed.Token);
        Assert.Equal("root-id", parsed.RootFolderId);
        Assert.Equal(1001, parsed.WatchedCount);
        Assert.True(parsed.Watches("folder-999"));
        Assert.True(parsed.Watches("root-id"));
        Assert.False(parsed.Watches("folder-1000"));
        Assert.False(parsed.Watches(null));
        Assert.Equal(1001 * 8, Convert.FromBase64String(state.ToDocument().Watched).Length);
    }
}

public sealed class StartRunBodyTests
{
    [Theory]
    [InlineData("", null, false, false)]
    [InlineData("  \n", null, false, false)]
    [InlineData("{}", null, false, false)]
    [InlineData("{\"limit\":5}", 5, false, false)]
    [InlineData("{\"dryRun\":true,\"reprocess\":\"all\"}", null, true, true)]
    [InlineData("{\"limit\":1,\"dryRun\":false,\"reprocess\":\"all\"}", 1, false, true)]
    public void Read_WellFormedBodies_BecomeTheRequest(string body, int? limit, bool dryRun, bool reprocessAll)
    {
        var (request, problem) = StartRunBody.Read(System.Text.Encoding.UTF8.GetBytes(body), "api");

        Assert.Null(problem);
        Assert.Equal(new SyncRunRequest("api", limit, dryRun, reprocessAll), request);
    }

    [Theory]
    [InlineData("{\"limit\":\"5\"}", "Malformed request body")]
    [InlineData("{\"limit\":0}", "Invalid limit")]
    [InlineData("{\"reprocess\":\"changed\"}", "Invalid reprocess")]
    [InlineData("{\"reprocess\":true}", "Malformed request body")]
    [InlineData("{\"owner\":\"canary.person@example.com\"}", "Malformed request body")]
    [InlineData("null", "Malformed request body")]
    [InlineData("[1]", "Malformed request body")]
    public void Read_BadBodies_NameTheProblemWithoutEchoingTheBody(string body, string title)
    {
        var (request, problem) = StartRunBody.Read(System.Text.Encoding.UTF8.GetBytes(body), "api");

        Assert.Null(request);
        Assert.Equal(title, problem!.Title);
        Assert.DoesNotContain("canary.person", problem.Detail, StringComparison.Ordinal);
    }
}
