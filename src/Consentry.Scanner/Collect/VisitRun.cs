using Microsoft.Playwright;

namespace Consentry.Scanner.Collect;

/// <summary>
/// One visit (untouched, Reject all or Accept all) in its own browser context of the scan's one Chromium.
/// Its first page is loaded alone (the banner is operated there), then the rest breadth-first by a few tabs, each
/// taking the next page as soon as it is free (<see cref="CrawlFrontier"/>): load, read (one page at a time), attribute
/// the cookies. After every page the result so far is published, so a scan stopped at its time limit still reports
/// what it saw.
/// </summary>
internal sealed class VisitRun : IAsyncDisposable
{
    /// <summary>Tabs of one visit loading pages at once after the first page.</summary>
    private const int Parallel = 4;

    /// <summary>The most links read from one page.</summary>
    private const int MaxLinks = 2000;

    private readonly ScanOptions _options;
    private readonly IBrowserContext _context;
    private readonly VisitHarvest _harvest = new();
    private readonly TabSet _tabs;
    private readonly CrawlFrontier _frontier;
    private readonly SemaphoreSlim _reading = new(1, 1);
    private readonly CookieAttribution _attribution;
    private int _done;
    private int _firstRead;
    private bool _bannerOperated;
    private string _bannerNote;
    private string? _bannerProblem;
    private byte[]? _screenshot;
    private byte[]? _afterChoice;
    private VisitResult _published;

    private VisitRun(VisitKind kind, ScanOptions options, IBrowserContext context)
    {
        Kind = kind;
        _options = options;
        _context = context;
        _bannerNote = kind == VisitKind.Untouched ? "no choice made (untouched visit)" : "";
        _published = new VisitResult { Kind = kind };
        _tabs = new TabSet(context, options, _harvest);
        _frontier = new CrawlFrontier(options.Url, options.MaxPages);
        _attribution = new CookieAttribution(context, _harvest, _frontier, options.Url);
    }

    public VisitKind Kind { get; }

    /// <summary>The result as of the last page read (or <see cref="Stop"/>).</summary>
    public VisitResult Result => Volatile.Read(ref _published);

    private Uri Start => _options.Url;

    /// <summary>How many tabs the visit uses: <see cref="Parallel"/>, fewer when it may read fewer pages.</summary>
    private int Tabs => Math.Clamp(_options.MaxPages, 1, Parallel);

    public static async Task<VisitRun> OpenAsync(ScanBrowser browser, ScanOptions options, VisitKind kind, CancellationToken cancellationToken) =>
        new(kind, options, await browser.NewVisitContextAsync(cancellationToken));

    public async Task RunAsync(IProgress<ScanProgress>? progress, CancellationToken wall)
    {
        _frontier.Add(Start.ToString(), 0);

        // The first page alone (the banner is operated there; its links and the sitemap fill the frontier); the other
        // tabs start opening once it has loaded (opening them beside its load slowed that load more than it saved),
        // and each takes pages as soon as it is open.
        _tabs.Prepare(1, wall);
        if (await TabAsync(0, wall) is not { } first)
        {
            Stop();
            return;
        }

        // The untouched visit opens its other tabs as soon as its first page has loaded, and they take the page's links
        // while it is still being read; a Reject/Accept visit only once its choice is made (ChooseAsync), and with no
        // choice made it reads no more pages: they would repeat the untouched visit's (no consent given or refused), at
        // the cost of a browser tab each.
        var choosing = Kind != VisitKind.Untouched;
        Task[]? others = null;
        void CrawlOthers()
        {
            _tabs.Prepare(Tabs, wall);
            others ??= [.. Enumerable.Range(1, Tabs - 1).Select(i => CrawlAsync(i, progress, wall))];
        }

        if (await _frontier.TakeAsync(wall) is { } start)
        {
            try
            {
                await VisitAsync(first, start, progress, wall, loaded: choosing ? null : CrawlOthers);
            }
            catch when (others is not null)
            {
                // The other tabs started with the first page: none is left running behind a failed visit.
                await Task.WhenAll(others).ContinueWith(static _ => { }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
                throw;
            }
        }

        if (choosing && !_bannerOperated)
        {
            if (wall.IsCancellationRequested)
            {
                Stop();
            }
            else
            {
                EndWithoutChoice(progress);
            }

            return;
        }

        CrawlOthers();
        await Task.WhenAll([.. others!, CrawlAsync(0, progress, wall)]);
        if (wall.IsCancellationRequested)
        {
            Stop();
        }
    }

    /// <summary>One tab's share of the crawl: the next page as soon as it is free, until the frontier has none.</summary>
    private async Task CrawlAsync(int index, IProgress<ScanProgress>? progress, CancellationToken wall)
    {
        // The tab first, then the page: a page is not held by a tab still opening while another could load it.
        while (await TabAsync(index, wall) is { } tab && await _frontier.TakeAsync(wall) is { } next)
        {
            await VisitAsync(tab, next, progress, wall);
        }
    }

    /// <summary>The tab at <paramref name="index"/> once open, or null when the time limit came first.</summary>
    private async Task<Tab?> TabAsync(int index, CancellationToken wall)
    {
        try
        {
            return await _tabs.FreshAsync(index, wall);
        }
        catch (OperationCanceledException) when (wall.IsCancellationRequested)
        {
            return null;
        }
    }

    /// <summary>
    /// Loads one page and reads it (beside the other tabs: the calls into the page), then records what it answered,
    /// credits its cookies and publishes (one page at a time across the tabs: the harvest is not shared-safe).
    /// </summary>
    private async Task VisitAsync(Tab tab, (Uri Url, int Depth) page, IProgress<ScanProgress>? progress, CancellationToken wall, Action? loaded = null)
    {
        var scanned = false;
        try
        {
            var load = await PageLoader.LoadAsync(tab, page.Url, Start, _options, wall);
            scanned = load.Scanned;
            loaded?.Invoke();
            var read = load.Scanned && !wall.IsCancellationRequested ? await ReadPageAsync(tab, page.Depth, wall) : null;
            await _reading.WaitAsync(CancellationToken.None);
            try
            {
                progress?.Report(new ScanProgress(Kind, Interlocked.Increment(ref _done), _options.MaxPages, page.Url.ToString(), load.Problem));
                if (load.Problem is { } problem)
                {
                    _harvest.Note(problem);
                }

                if (read is not null)
                {
                    Record(read);
                }

                await _attribution.AttributeAsync(tab, load, wall);
                Publish();
            }
            finally
            {
                _reading.Release();
            }
        }
        finally
        {
            _frontier.Done(scanned);
        }
    }

    /// <summary>Ends a Reject/Accept visit whose banner was not operated after its first page, saying why.</summary>
    private void EndWithoutChoice(IProgress<ScanProgress>? progress)
    {
        if (_bannerNote.Length > 0 && _frontier.Left > 0)
        {
            _bannerNote += "; with no choice made its other pages would repeat the untouched visit, so only its first page was read";
        }

        Publish();
        progress?.Report(new ScanProgress(Kind, _done, _options.MaxPages, Start.ToString(), "no banner was operated, so there is no choice to follow on other pages") { Ended = true });
    }

    /// <summary>Publishes what was seen with a note that the time limit stopped the visit (called by the visit itself).</summary>
    private void Stop()
    {
        _harvest.Note($"stopped at the time limit ({_options.MaxTime.TotalSeconds:F0} s, --max-time) with {_frontier.Left} known page(s) not visited; the report covers the {_harvest.Pages.Count} visited");
        Publish();
    }

    /// <summary>
    /// For the scan's hard wall when the visit itself did not come back: the last published result, with why it
    /// ends there. Reads nothing the still-running visit may be changing.
    /// </summary>
    public void Abandon(string why)
    {
        var last = Result;
        Volatile.Write(ref _published, last with { Errors = [.. last.Errors, why] });
    }

    /// <summary>
    /// Reads a loaded page through calls into it: its links first (the visit's other tabs take them while the page is
    /// read), the first page's screenshot, banner and sitemap, then its cookie writes and storage. Writes nothing of the
    /// harvest's but the frontier (shared-safe) and the first page's own fields.
    /// </summary>
    private async Task<PageRead> ReadPageAsync(Tab tab, int depth, CancellationToken cancellationToken)
    {
        if (depth < _options.MaxDepth)
        {
            var (_, links) = await tab.CallAsync(p => p.EvaluateAsync<string[]>(PageScripts.Links, MaxLinks), cancellationToken);
            foreach (var link in links ?? [])
            {
                _frontier.Add(link, depth + 1);
            }
        }

        var first = Interlocked.Exchange(ref _firstRead, 1) == 0;
        if (first)
        {
            _screenshot = await PageHarvest.ScreenshotAsync(tab, cancellationToken);
            if (Kind != VisitKind.Untouched)
            {
                await ChooseAsync(tab, cancellationToken);
            }
        }

        var writes = await PageHarvest.CookieWritesAsync(tab, cancellationToken);
        var storage = await PageHarvest.StorageAsync(tab, cancellationToken);

        // Pages only the sitemap knows come after the start page's links.
        if (first && !tab.Unresponsive)
        {
            var notes = new List<string>();
            foreach (var link in await Sitemap.ReadAsync(tab.Page, Start, _options.MaxPages * 5, notes, cancellationToken))
            {
                _frontier.Add(link, 1);
            }

            notes.ForEach(_harvest.Note);
        }

        return new PageRead(tab.Page.Url, writes, storage, tab.Unresponsive);
    }

    /// <summary>Records what a page answered in the visit's harvest (one page at a time).</summary>
    private void Record(PageRead read)
    {
        _harvest.Pages.Add(read.Url);
        PageHarvest.AddCookieWrites(_harvest, read.Url, read.CookieWrites);
        if (read.Storage is { } storage)
        {
            PageHarvest.AddStorage(_harvest, read.Url, storage);
        }

        if (read.Unresponsive)
        {
            _harvest.Note($"{read.Url}: the page stopped answering (a script keeps it busy); what it had not yet shown is missing");
        }
    }

    /// <summary>Operates the banner on the first page, then reloads it as the visitor's next view shows it.</summary>
    private async Task ChooseAsync(Tab tab, CancellationToken cancellationToken)
    {
        // What scripts wrote before the choice belongs to the untouched visit, not to this one.
        await tab.CallAsync(p => p.EvaluateAsync<bool>("() => { if (window.__consentryWrites) window.__consentryWrites.length = 0; return true; }"), cancellationToken);
        var outcome = tab.Unresponsive
            ? BannerOutcome.NotOperated("the first page stopped answering, so no banner could be operated")
            : await BannerOperator.OperateAsync(tab.Page, Kind, cancellationToken);
        (_bannerOperated, _bannerNote, _bannerProblem) = (outcome.Operated, outcome.Note, outcome.Problem);
        if (!_bannerOperated)
        {
            return;
        }

        // The other tabs open while the page reloads with the choice made.
        _tabs.Prepare(Tabs, cancellationToken);

        await PageLoader.QuietAsync(tab, _options.QuietTimeout, cancellationToken);
        _afterChoice = await PageHarvest.ScreenshotAsync(tab, cancellationToken);
        tab.Network.Forget();
        var (answered, _) = await tab.CallAsync(p => p.ReloadAsync(new PageReloadOptions { WaitUntil = WaitUntilState.Load }), cancellationToken, _options.PageTimeout + PageCalls.Limit);
        if (!answered)
        {
            _harvest.Note($"{tab.Page.Url}: reloading after the choice did not finish");
        }

        await PageLoader.SettledAsync(tab, _options.QuietTimeout, cancellationToken);
    }

    private void Publish()
    {
        var note = Kind != VisitKind.Untouched && _bannerNote.Length == 0 ? "no page could be loaded" : _bannerNote;
        Volatile.Write(ref _published, new VisitResult
        {
            Kind = Kind,
            BannerOperated = _bannerOperated,
            BannerNote = note,
            BannerProblem = _bannerProblem,
            Pages = [.. _harvest.Pages],
            Cookies = [.. _harvest.Cookies.Values],
            Storage = [.. _harvest.Storage.Values],
            SetCookies = [.. _harvest.SetCookies],
            Screenshot = _screenshot,
            AfterChoiceScreenshot = _afterChoice,
            ThirdPartyHosts = _harvest.ThirdPartyHosts,
            Errors = _harvest.NotesSnapshot(),
        });
    }

    /// <summary>Closes the visit's context (bounded); the browser is closed by its owner.</summary>
    public async ValueTask DisposeAsync()
    {
        await PageCalls.TryAsync(_context.CloseAsync(), CancellationToken.None, TimeSpan.FromSeconds(15));
        _tabs.Dispose();
        _reading.Dispose();
    }
}
