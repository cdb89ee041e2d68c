using System.Diagnostics;
using Microsoft.Playwright;

namespace Consentry.Scanner.Collect;

/// <summary>
/// The requests of one tab still in flight, followed from the browser's side: every request of the page and its
/// frames (documents, scripts, images and <c>new Image()</c> beacons, fetches, XHR), which a script in the page
/// cannot all see. The page's network is quiet once nothing is in flight and nothing has started or ended for a
/// short window; a request that never ends (polling, streaming) holds it until the caller's bound.
/// </summary>
internal sealed class NetworkWatch
{
    private readonly Lock _gate = new();
    private readonly HashSet<object> _inFlight = new(ReferenceEqualityComparer.Instance);
    private long _lastChange = Stopwatch.GetTimestamp();
    private long _started;
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>How many requests the tab has started so far.</summary>
    public long Started
    {
        get
        {
            lock (_gate)
            {
                return _started;
            }
        }
    }

    /// <summary>Follows the requests of <paramref name="page"/>.</summary>
    public static NetworkWatch Attach(IPage page)
    {
        var watch = new NetworkWatch();
        page.Request += (_, r) => watch.Begin(r);
        page.RequestFinished += (_, r) => watch.End(r);
        page.RequestFailed += (_, r) => watch.End(r);
        return watch;
    }

    /// <summary>A request began.</summary>
    public void Begin(object request) => Change(() =>
    {
        _started++;
        return _inFlight.Add(request);
    });

    /// <summary>A request ended (answered, failed or aborted); one this watch never saw begin is ignored.</summary>
    public void End(object request) => Change(() => _inFlight.Remove(request));

    /// <summary>Forgets the requests in flight: a new document is being loaded, and the old one's are aborted with it.</summary>
    public void Forget() => Change(() =>
    {
        _inFlight.Clear();
        return true;
    });

    /// <summary>
    /// Waits until nothing is in flight and nothing has begun or ended for <paramref name="window"/>, for at most
    /// <paramref name="max"/>; true when the network went quiet, false when the bound (or cancellation) came first.
    /// </summary>
    public async Task<bool> QuietAsync(TimeSpan window, TimeSpan max, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        while (!cancellationToken.IsCancellationRequested)
        {
            Task changed;
            TimeSpan wait;
            lock (_gate)
            {
                var still = Stopwatch.GetElapsedTime(_lastChange);
                if (_inFlight.Count == 0 && still >= window)
                {
                    return true;
                }

                changed = _changed.Task;
                wait = _inFlight.Count == 0 ? window - still : max;
            }

            var left = max - clock.Elapsed;
            if (left <= TimeSpan.Zero)
            {
                return false;
            }

            await Task.WhenAny(changed, Task.Delay(wait < left ? wait : left, cancellationToken));
        }

        return false;
    }

    private void Change(Func<bool> update)
    {
        TaskCompletionSource changed;
        lock (_gate)
        {
            if (!update())
            {
                return;
            }

            _lastChange = Stopwatch.GetTimestamp();
            (changed, _changed) = (_changed, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        }

        changed.TrySetResult();
    }
}
