using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Consentry.Tests;

/// <summary>
/// Collects a test host's log entries for assertions: level, event id, the message with any exception's text after
/// it (so a stack trace in a log is visible to a test), and whether there was one.
/// </summary>
internal sealed class LogSink : ILoggerProvider
{
    public ConcurrentQueue<(LogLevel Level, int EventId, string Message, bool HasException)> Entries { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Logger(this);

    public void Dispose()
    {
    }

    private sealed class Logger(LogSink sink) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            sink.Entries.Enqueue((logLevel, eventId.Id, formatter(state, exception) + (exception is null ? "" : Environment.NewLine + exception), exception is not null));
    }
}
