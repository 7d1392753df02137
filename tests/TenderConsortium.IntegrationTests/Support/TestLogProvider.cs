using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace TenderConsortium.IntegrationTests.Support;

/// <summary>Keeps warnings and errors of in-process nodes so a failing test can show what the nodes said.</summary>
public sealed class TestLogProvider : ILoggerProvider
{
    private static readonly ConcurrentQueue<string> Lines = new();

    public static string Text => string.Join(Environment.NewLine, Lines.TakeLast(40));

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName);

    public void Dispose() { }

    private sealed class Logger(string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Lines.Enqueue($"{logLevel} {category}: {formatter(state, exception)} {exception?.GetType().Name}: {exception?.Message}");
    }
}
