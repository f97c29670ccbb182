namespace DriveSync.DriveEmulator;

/// <summary>What the emulator has been asked, for tests and benches. Thread-safe.</summary>
public sealed class EmulatorCounters
{
    private readonly Lock _gate = new();
    private readonly List<DateTimeOffset> _requestTimes = [];
    private readonly List<string> _listQueries = [];
    private long _total;
    private long _list;
    private long _listWithFields;
    private long _get;
    private long _media;
    private long _range;
    private long _export;
    private long _update;
    private long _copy;
    private long _delete;
    private long _changes;
    private long _token;
    private long _faults;
    private long _quota;
    private long _unauthorized;
    private long _notFound;
    private long _queryRefusals;

    /// <summary>API requests received (the token endpoint excluded), faulted ones included.</summary>
    public long TotalRequests => Interlocked.Read(ref _total);

    /// <summary>files.list requests.</summary>
    public long ListRequests => Interlocked.Read(ref _list);

    /// <summary>files.list requests that carried a <c>fields</c> parameter.</summary>
    public long ListRequestsWithFields => Interlocked.Read(ref _listWithFields);

    /// <summary>files.get metadata requests.</summary>
    public long GetRequests => Interlocked.Read(ref _get);

    /// <summary>files.get alt=media requests.</summary>
    public long MediaRequests => Interlocked.Read(ref _media);

    /// <summary>alt=media requests with a Range header.</summary>
    public long RangeRequests => Interlocked.Read(ref _range);

    /// <summary>files.export requests.</summary>
    public long ExportRequests => Interlocked.Read(ref _export);

    /// <summary>files.update requests.</summary>
    public long UpdateRequests => Interlocked.Read(ref _update);

    /// <summary>files.copy requests.</summary>
    public long CopyRequests => Interlocked.Read(ref _copy);

    /// <summary>files.delete requests.</summary>
    public long DeleteRequests => Interlocked.Read(ref _delete);

    /// <summary>changes.getStartPageToken and changes.list requests.</summary>
    public long ChangesRequests => Interlocked.Read(ref _changes);

    /// <summary>Requests to the OAuth token endpoint.</summary>
    public long TokenRequests => Interlocked.Read(ref _token);

    /// <summary>Injected faults.</summary>
    public long FaultsInjected => Interlocked.Read(ref _faults);

    /// <summary>Requests refused by the per-minute quota.</summary>
    public long QuotaRejections => Interlocked.Read(ref _quota);

    /// <summary>Requests refused for a missing or wrong bearer token.</summary>
    public long Unauthorized => Interlocked.Read(ref _unauthorized);

    /// <summary>404 answers.</summary>
    public long NotFound => Interlocked.Read(ref _notFound);

    /// <summary>files.list requests refused with 400 for a query longer than <see cref="DriveEmulatorOptions.MaxQueryLength"/>.</summary>
    public long QueryRefusals => Interlocked.Read(ref _queryRefusals);

    /// <summary>The <c>q</c> of every files.list request, in order (empty for none).</summary>
    public IReadOnlyList<string> ListQueries()
    {
        lock (_gate)
            return _listQueries.ToArray();
    }

    /// <summary>The arrival time of every API request, in order.</summary>
    public IReadOnlyList<DateTimeOffset> RequestTimes()
    {
        lock (_gate)
            return _requestTimes.ToArray();
    }

    internal void Request(DateTimeOffset now)
    {
        Interlocked.Increment(ref _total);
        lock (_gate)
            _requestTimes.Add(now);
    }

    internal void List(bool withFields, string? query)
    {
        Interlocked.Increment(ref _list);
        if (withFields)
            Interlocked.Increment(ref _listWithFields);
        lock (_gate)
            _listQueries.Add(query ?? string.Empty);
    }

    internal void QueryRefused() => Interlocked.Increment(ref _queryRefusals);

    internal void Get() => Interlocked.Increment(ref _get);

    internal void Media(bool ranged)
    {
        Interlocked.Increment(ref _media);
        if (ranged)
            Interlocked.Increment(ref _range);
    }

    internal void Export() => Interlocked.Increment(ref _export);

    internal void Update() => Interlocked.Increment(ref _update);

    internal void Copy() => Interlocked.Increment(ref _copy);

    internal void Delete() => Interlocked.Increment(ref _delete);

    internal void Changes() => Interlocked.Increment(ref _changes);

    internal void Token() => Interlocked.Increment(ref _token);

    internal void Fault() => Interlocked.Increment(ref _faults);

    internal void Quota() => Interlocked.Increment(ref _quota);

    internal void Unauthenticated() => Interlocked.Increment(ref _unauthorized);

    internal void Missing() => Interlocked.Increment(ref _notFound);
}
