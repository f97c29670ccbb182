using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace DriveSync.Testing;

/// <summary>
/// A logger provider that keeps every entry and scope written through it: the log "wire". Canary scans search
/// <see cref="Lines"/>, which holds each message with its structured values, exception text and every scope.
/// </summary>
public sealed class LogCapture : ILoggerProvider
{
    private readonly ConcurrentQueue<CapturedLog> entries = new();
    private readonly ConcurrentQueue<string> scopes = new();

    public IReadOnlyCollection<CapturedLog> Entries => entries;

    /// <summary>Every entry and scope as one line of text each.</summary>
    public IReadOnlyCollection<string> Lines => [.. entries.Select(e => e.ToString()), .. scopes];

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public ILogger<T> For<T>() => new TypedLogger<T>(CreateLogger(typeof(T).FullName!));

    public int Count(int eventId) => entries.Count(e => e.EventId == eventId);

    public void Dispose()
    {
    }

    private sealed class Logger(LogCapture capture, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull
        {
            capture.scopes.Enqueue($"scope {category}: {state} [{Values(state)}]");
            return null;
        }

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            capture.entries.Enqueue(new CapturedLog(logLevel, category, eventId.Id, formatter(state, exception), exception?.ToString(), Values(state)));

        private static string Values<TState>(TState state) =>
            state is IEnumerable<KeyValuePair<string, object?>> pairs ? string.Join(";", pairs.Select(p => $"{p.Key}={p.Value}")) : string.Empty;
    }
}

internal sealed class TypedLogger<T>(ILogger inner) : ILogger<T>
{
    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => inner.BeginScope(state);

    public bool IsEnabled(LogLevel logLevel) => inner.IsEnabled(logLevel);

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        inner.Log(logLevel, eventId, state, exception, formatter);
}

/// <summary>One captured log entry; <see cref="Values"/> holds the template's structured values as <c>key=value;…</c>.</summary>
public sealed record CapturedLog(LogLevel Level, string Category, int EventId, string Message, string? Exception, string Values = "")
{
    public override string ToString() => $"{Level} {Category}[{EventId}] {Message} [{Values}] {Exception}";
}
