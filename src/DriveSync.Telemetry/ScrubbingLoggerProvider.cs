using DriveSync.Sanitization.Redaction;

namespace DriveSync.Telemetry;

/// <summary>
/// Wraps another logger provider so that everything it receives has passed <see cref="PiiScrubber"/>: the formatted
/// message, every string value of the structured state, every scope value and the exception's messages (the stack
/// trace is kept). API keys given as <c>code=</c> in a logged URL are masked as well. Entries below
/// <paramref name="minimum"/> (default: none) do not reach the wrapped provider.
/// </summary>
public sealed class ScrubbingLoggerProvider(ILoggerProvider inner, LogLevel minimum = LogLevel.Trace) : ILoggerProvider, ISupportExternalScope
{
    /// <summary>The wrapped provider (for tests and diagnostics).</summary>
    public ILoggerProvider Inner => inner;

    /// <inheritdoc />
    public ILogger CreateLogger(string categoryName) => new ScrubbingLogger(inner.CreateLogger(categoryName), minimum);

    /// <inheritdoc />
    public void SetScopeProvider(IExternalScopeProvider scopeProvider)
    {
        if (inner is ISupportExternalScope scoped)
        {
            scoped.SetScopeProvider(new ScrubbedScopeProvider(scopeProvider));
        }
    }

    /// <inheritdoc />
    public void Dispose() => inner.Dispose();

    private sealed class ScrubbingLogger(ILogger inner, LogLevel minimum) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => inner.BeginScope(state);

        public bool IsEnabled(LogLevel logLevel) => logLevel >= minimum && inner.IsEnabled(logLevel);

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel))
            {
                return;
            }

            var message = LogText.Scrub(formatter(state, exception));
            var scrubbedException = exception is null ? null : ScrubbedException.From(exception);
            var scrubbedState = ScrubbedLogState.From(message, state, scrubbedException);
            inner.Log(logLevel, eventId, scrubbedState, scrubbedException, static (s, _) => s.Message);
        }
    }
}

/// <summary>A log entry's structured state with every string value scrubbed; the message template is kept as written in code.</summary>
public sealed class ScrubbedLogState(string message, IReadOnlyList<KeyValuePair<string, object?>> values) : IReadOnlyList<KeyValuePair<string, object?>>
{
    private const string OriginalFormat = "{OriginalFormat}";

    /// <summary>The scrubbed formatted message.</summary>
    public string Message => message;

    /// <inheritdoc />
    public int Count => values.Count;

    /// <inheritdoc />
    public KeyValuePair<string, object?> this[int index] => values[index];

    /// <summary>The value naming the type of a logged exception (exporters only see <see cref="ScrubbedException"/>).</summary>
    public const string ExceptionType = "ExceptionType";

    /// <summary>
    /// Scrubs <paramref name="state"/>'s values when it is structured; otherwise keeps only the message. With an
    /// <paramref name="exception"/>, <see cref="ExceptionType"/> names the type that was thrown.
    /// </summary>
    public static ScrubbedLogState From<TState>(string message, TState state, ScrubbedException? exception = null)
    {
        var scrubbed = new List<KeyValuePair<string, object?>>();
        if (state is IEnumerable<KeyValuePair<string, object?>> pairs)
        {
            foreach (var (key, value) in pairs)
            {
                scrubbed.Add(new(key, key == OriginalFormat ? value : ScrubValue(value)));
            }
        }
        else
        {
            scrubbed.Add(new(OriginalFormat, message));
        }

        if (exception is not null)
        {
            scrubbed.Add(new(ExceptionType, exception.OriginalType));
        }

        return new ScrubbedLogState(message, scrubbed);
    }

    /// <inheritdoc />
    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => values.GetEnumerator();

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

    /// <inheritdoc />
    public override string ToString() => message;

    /// <summary>This state as a scope: its values, shown as <c>Key:value, …</c>.</summary>
    public ScrubbedLogState AsScope() => new(string.Join(", ", values.Select(pair => $"{pair.Key}:{pair.Value}")), values);

    private static object? ScrubValue(object? value) => value switch
    {
        null => null,
        string text => LogText.Scrub(text),
        bool or byte or short or int or long or float or double or decimal or DateTimeOffset or DateTime or TimeSpan or Guid or Enum => value,
        _ => LogText.Scrub(Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture)),
    };
}

/// <summary>Hands scopes to the wrapped provider with their values scrubbed and rendered as <c>Key:value</c> pairs.</summary>
public sealed class ScrubbedScopeProvider(IExternalScopeProvider inner) : IExternalScopeProvider
{
    /// <inheritdoc />
    public void ForEachScope<TState>(Action<object?, TState> callback, TState state) =>
        inner.ForEachScope((scope, s) => callback(Scrub(scope), s), state);

    /// <inheritdoc />
    public IDisposable Push(object? state) => inner.Push(state);

    private static object? Scrub(object? scope) => scope switch
    {
        null => null,
        IEnumerable<KeyValuePair<string, object?>> pairs => ScrubbedLogState.From(string.Empty, pairs).AsScope(),
        _ => LogText.Scrub(scope.ToString()),
    };
}

/// <summary>The scrubbing applied to every logged text.</summary>
public static partial class LogText
{
    /// <summary><paramref name="text"/> with PII replaced by type markers and <c>code=</c> key values masked.</summary>
    public static string Scrub(string? text) =>
        string.IsNullOrEmpty(text) ? string.Empty : KeyInQuery().Replace(PiiScrubber.Scrub(text) ?? string.Empty, "$1***");

    [System.Text.RegularExpressions.GeneratedRegex(@"([?&]code=)[^&\s]+", System.Text.RegularExpressions.RegexOptions.IgnoreCase)]
    private static partial System.Text.RegularExpressions.Regex KeyInQuery();
}

/// <summary>An exception as loggers may see it: the original type name and stack trace, the message (and inner messages) scrubbed.</summary>
public sealed class ScrubbedException : Exception
{
    private readonly string? stackTrace;

    private ScrubbedException(string originalType, string message, string? stackTrace, Exception? inner)
        : base(message, inner)
    {
        OriginalType = originalType;
        this.stackTrace = stackTrace;
    }

    /// <summary>The full name of the exception type that was thrown.</summary>
    public string OriginalType { get; }

    /// <inheritdoc />
    public override string? StackTrace => stackTrace;

    /// <summary>The scrubbed copy of <paramref name="exception"/> and its inner exceptions.</summary>
    public static ScrubbedException From(Exception exception) =>
        exception as ScrubbedException ?? new ScrubbedException(
            exception.GetType().FullName ?? exception.GetType().Name,
            LogText.Scrub(exception.Message),
            exception.StackTrace,
            exception.InnerException is null ? null : From(exception.InnerException));

    /// <inheritdoc />
    public override string ToString()
    {
        var text = $"{OriginalType}: {Message}";
        if (InnerException is not null)
        {
            text += $"{Environment.NewLine} ---> {InnerException}{Environment.NewLine}   --- End of inner exception stack trace ---";
        }

        return stackTrace is null ? text : text + Environment.NewLine + stackTrace;
    }
}
