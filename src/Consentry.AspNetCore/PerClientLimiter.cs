using System.Collections.Concurrent;
using Microsoft.AspNetCore.Http;

namespace Consentry.AspNetCore;

/// <summary>
/// A per-client fixed-window limit as an endpoint filter (the client as the host's forwarded-headers handling left
/// it): past <c>permitsPerMinute</c>, 429 ProblemDetails with Retry-After. It is not a policy of the host's
/// rate-limiting middleware: the host's limiter, status code and <c>OnRejected</c> stay as the host set them.
/// A count per client address and no timer: System.Threading.RateLimiting's partitioned limiter wakes a thread-pool
/// thread every 100 ms for as long as the process lives, which was measured to keep the pool of a busy two-core host at
/// twice the threads (and its every request dearer) even when no limited endpoint is ever called. Windows that ended
/// are swept when the map has doubled since the last sweep, so it holds about the clients of the last minute.
/// </summary>
internal abstract class PerClientLimiter(int permitsPerMinute, string refusal, TimeProvider? time) : IEndpointFilter
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);
    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private readonly ConcurrentDictionary<string, ClientWindow> _clients = new(StringComparer.Ordinal);
    private int _sweepAt = 1024;

    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (Admit(http.Connection.RemoteIpAddress?.ToString() ?? "unknown"))
        {
            return next(context);
        }

        http.Response.Headers.RetryAfter = "60";
        Refused(http);
        return ValueTask.FromResult<object?>(TypedResults.Problem(refusal, statusCode: StatusCodes.Status429TooManyRequests, title: "Rate limit"));
    }

    /// <summary>How many clients' windows are kept (for tests of the sweep).</summary>
    internal int TrackedClients => _clients.Count;

    /// <summary>Counts a refusal where the subclass keeps metrics.</summary>
    protected virtual void Refused(HttpContext context)
    {
    }

    /// <summary>Whether <paramref name="client"/> may make one more request in its current window (and counts it).</summary>
    private bool Admit(string client)
    {
        var now = _time.GetUtcNow();
        var window = _clients.GetOrAdd(client, static (_, start) => new ClientWindow(start), now);
        bool admitted;
        lock (window)
        {
            if (now - window.Start >= Window)
            {
                window.Start = now;
                window.Count = 0;
            }

            admitted = window.Count < permitsPerMinute;
            if (admitted)
            {
                window.Count++;
            }
        }

        if (_clients.Count >= Volatile.Read(ref _sweepAt))
        {
            Sweep(now);
        }

        return admitted;
    }

    private void Sweep(DateTimeOffset now)
    {
        foreach (var (client, window) in _clients)
        {
            if (now - window.Start >= Window)
            {
                _clients.TryRemove(new KeyValuePair<string, ClientWindow>(client, window));
            }
        }

        Volatile.Write(ref _sweepAt, Math.Max(1024, _clients.Count * 2));
    }

    private sealed class ClientWindow(DateTimeOffset start)
    {
        public DateTimeOffset Start { get; set; } = start;

        public int Count { get; set; }
    }
}
