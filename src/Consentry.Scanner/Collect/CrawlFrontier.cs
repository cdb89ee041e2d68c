namespace Consentry.Scanner.Collect;

/// <summary>
/// The pages one visit knows and has yet to load, breadth-first, shared by the visit's tabs: each takes the next page
/// as soon as it is free; a tab that finds nothing waits while other pages are still being read (their links may add
/// more), and the crawl ends when nothing is left and no page is in hand, or the page limit is reached (pages that
/// could not be scanned do not count).
/// </summary>
internal sealed class CrawlFrontier(Uri start, int maxPages)
{
    private readonly Lock _gate = new();
    private readonly Queue<(Uri Url, int Depth)> _queue = new();
    private readonly HashSet<string> _seen = new(StringComparer.Ordinal);
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _taken;
    private int _inHand;

    /// <summary>Known pages not taken (for the note of a visit stopped at the time limit).</summary>
    public int Left
    {
        get
        {
            lock (_gate)
            {
                return _queue.Count;
            }
        }
    }

    /// <summary>Pages taken and not yet done (loading or being read).</summary>
    public int InHand
    {
        get
        {
            lock (_gate)
            {
                return _inHand;
            }
        }
    }

    /// <summary>Adds a link of the site (same scheme, port and registrable domain as the start), once.</summary>
    public void Add(string link, int depth)
    {
        if (Scope.Http(link) is not { } next || !Scope.InScope(next, start))
        {
            return;
        }

        lock (_gate)
        {
            if (_seen.Add(Key(next)))
            {
                _queue.Enqueue((new UriBuilder(next) { Fragment = "" }.Uri, depth));
                Signal();
            }
        }
    }

    /// <summary>The next page to load, or null when the crawl is over (or <paramref name="cancellationToken"/> fires). Call <see cref="Done"/> after each page.</summary>
    public async Task<(Uri Url, int Depth)?> TakeAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            Task changed;
            lock (_gate)
            {
                if (_taken < maxPages && _queue.Count > 0)
                {
                    _taken++;
                    _inHand++;
                    return _queue.Dequeue();
                }

                if (_inHand == 0 || _taken >= maxPages)
                {
                    return null;
                }

                changed = _changed.Task;
            }

            try
            {
                await changed.WaitAsync(cancellationToken);
            }
            catch (OperationCanceledException)
            {
                return null;
            }
        }

        return null;
    }

    /// <summary>A taken page is done (its links added); one that could not be <paramref name="scanned"/> (not HTML, off-site, failed) does not count against the page limit.</summary>
    public void Done(bool scanned)
    {
        lock (_gate)
        {
            _inHand--;
            _taken -= scanned ? 0 : 1;
            Signal();
        }
    }

    private void Signal() => Interlocked.Exchange(ref _changed, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();

    private static string Key(Uri u) => u.GetLeftPart(UriPartial.Query).TrimEnd('/');
}
