using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace DriveSync.GoogleDrive.Tests;

/// <summary>Collects every log line (formatted message and exception text) written through its loggers.</summary>
internal sealed class LogCapture
{
    private readonly ConcurrentQueue<string> _lines = new();

    public IReadOnlyCollection<string> Lines => _lines.ToArray();

    public ILogger<T> For<T>() => new CapturingLogger<T>(this);

    public void Add(string line) => _lines.Enqueue(line);

    private sealed class CapturingLogger<T>(LogCapture capture) : ILogger<T>
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var values = state is IEnumerable<KeyValuePair<string, object?>> pairs ? string.Join(";", pairs.Select(p => $"{p.Key}={p.Value}")) : string.Empty;
            capture.Add($"{logLevel} {formatter(state, exception)} [{values}] {exception}");
        }
    }
}
