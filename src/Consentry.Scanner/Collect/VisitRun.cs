using Consentry.Domains;
using Microsoft.Playwright;

namespace Consentry.Scanner.Collect;

/// <summary>
/// One visit (untouched, Reject all or Accept all) in its own browser context of the scan's one Chromium.
/// Its pages are crawled breadth-first in waves of parallel tabs; each wave has named steps: load the wave,
/// operate the banner (first page of a choice visit), harvest each page, attribute the cookies. After every
/// wave the result so far is published, so a scan stopped at its time limit still reports what it saw.
/// </summary>
internal sealed class VisitRun : IAsyncDisposable
{
    /// <summary>Pages of one visit loaded at once after the first.</summary>
    private const int Parallel = 4;

    /// <summary>The most links read from one page.</summary>
    private const int MaxLinks = 2000;

    private readonly ScanOptions _options;
    private readonly IBrowserContext _context;
    private readonly VisitHarvest _harvest = new();
    private readonly TabSet _tabs;
    private readonly Queue<(Uri Url, int Depth)> _queue = new();
    private readonly HashSet<string> _seen = new(StringComparer.Ordinal);
    private bool _sitemapRead;
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
    }

    public VisitKind Kind { get; }

    /// <summary>The result as of the last finished wave (or <see cref="Stop"/>).</summary>
    public VisitResult Result => Volatile.Read(ref _published);

    private Uri Start => _options.Url;

    public static async Task<VisitRun> OpenAsync(ScanBrowser browser, ScanOptions options, VisitKind kind, CancellationToken cancellationToken) =>
        new(kind, options, await browser.NewVisitContextAsync(cancellationToken));

    public async Task RunAsync(IProgress<ScanProgress>? progress, CancellationToken wall)
    {
        _queue.Enqueue((Start, 0));
        _seen.Add(Key(Start));
        var done = 0;
        while (_queue.Count > 0 && _harvest.Pages.Count < _options.MaxPages)
        {
            if (wall.IsCancellationRequested)
            {
                Stop();
                return;
            }

            var wave = NextWave();
            await _tabs.EnsureAsync(wave.Count, wall);
            var loads = await Task.WhenAll(wave.Select((w, i) => PageLoader.LoadAsync(_tabs[i], w.Url, Start, _options, wall)));
            for (var i = 0; i < wave.Count; i++)
            {
                progress?.Report(new ScanProgress(Kind, ++done, _options.MaxPages, wave[i].Url.ToString(), loads[i].Problem));
                if (loads[i].Problem is { } problem)
                {
                    _harvest.Note(problem);
                }
            }

            for (var i = 0; i < wave.Count; i++)
            {
                if (loads[i].Scanned && !wall.IsCancellationRequested)
                {
                    await HarvestPageAsync(_tabs[i], wave[i].Depth, wall);
                }
            }

            await AttributeAsync(wave.Count, loads, wall);
            Publish();
        }

        if (wall.IsCancellationRequested)
        {
            Stop();
        }
    }

    /// <summary>Publishes what was seen with a note that the time limit stopped the visit (called by the visit itself).</summary>
    private void Stop()
    {
        _harvest.Note($"stopped at the time limit ({_options.MaxTime.TotalSeconds:F0} s, --max-time) with {_queue.Count} known page(s) not visited; the report covers the {_harvest.Pages.Count} visited");
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

    private List<(Uri Url, int Depth)> NextWave()
    {
        var width = _harvest.Pages.Count == 0 ? 1 : Math.Min(Parallel, _options.MaxPages - _harvest.Pages.Count);
        var wave = new List<(Uri Url, int Depth)>();
        while (wave.Count < width && _queue.Count > 0)
        {
            wave.Add(_queue.Dequeue());
        }

        return wave;
    }

    private async Task HarvestPageAsync(Tab tab, int depth, CancellationToken cancellationToken)
    {
        _harvest.Pages.Add(tab.Page.Url);
        _screenshot ??= await PageHarvest.ScreenshotAsync(tab, cancellationToken);
        if (Kind != VisitKind.Untouched && !_bannerOperated && _bannerNote.Length == 0)
        {
            await ChooseAsync(tab, cancellationToken);
        }

        await PageHarvest.ScriptCookiesAsync(tab, _harvest, cancellationToken);
        await PageHarvest.StorageAsync(tab, _harvest, cancellationToken);
        if (depth < _options.MaxDepth)
        {
            var (_, links) = await tab.CallAsync(p => p.EvaluateAsync<string[]>(PageScripts.Links, MaxLinks), cancellationToken);
            foreach (var link in links ?? [])
            {
                Enqueue(link, depth + 1);
            }
        }

        // Pages only the sitemap knows come after the start page's links.
        if (!_sitemapRead && !tab.Unresponsive)
        {
            _sitemapRead = true;
            var notes = new List<string>();
            foreach (var link in await Sitemap.ReadAsync(tab.Page, Start, _options.MaxPages * 5, notes, cancellationToken))
            {
                Enqueue(link, 1);
            }

            notes.ForEach(_harvest.Note);
        }

        if (tab.Unresponsive)
        {
            _harvest.Note($"{tab.Page.Url}: the page stopped answering (a script keeps it busy); what it had not yet shown is missing");
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

        await PageLoader.QuietAsync(tab, _options.QuietTimeout, cancellationToken);
        _afterChoice = await PageHarvest.ScreenshotAsync(tab, cancellationToken);
        var (answered, _) = await tab.CallAsync(p => p.ReloadAsync(new PageReloadOptions { WaitUntil = WaitUntilState.Load }), cancellationToken, _options.PageTimeout + PageCalls.Limit);
        if (!answered)
        {
            _harvest.Note($"{tab.Page.Url}: reloading after the choice did not finish");
        }

        await PageLoader.SettledAsync(tab, _options.QuietTimeout, cancellationToken);
    }

    /// <summary>
    /// Which page of the wave a cookie came from: the tab whose responses carried its Set-Cookie line, or whose
    /// script wrote it; a cookie neither explains is attributed to the wave's first page (the jar is shared).
    /// </summary>
    private async Task AttributeAsync(int count, PageLoad[] loads, CancellationToken cancellationToken)
    {
        var setOn = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < count; i++)
        {
            foreach (var line in _tabs[i].Recorder?.Drain() ?? [])
            {
                if (loads[i].Scanned && line.BlockedReasons.Count == 0)
                {
                    setOn.TryAdd(line.Name, _tabs[i].Page.Url);
                }

                _harvest.AddSetCookie(line);
            }
        }

        var firstOfWave = loads.Select((l, i) => l.Scanned ? _tabs[i].Page.Url : null).FirstOrDefault(u => u is not null);
        if (firstOfWave is null)
        {
            return;
        }

        var (answered, _, jar) = await PageCalls.TryAsync(_context.CookiesAsync(), cancellationToken);
        if (!answered || jar is null)
        {
            return;
        }

        foreach (var c in jar)
        {
            var key = (c.Name, c.Domain, c.Path);
            var transient = _harvest.Cookies.Keys.FirstOrDefault(k => k.Name == c.Name && _harvest.Cookies[k].Transient);
            if (transient != default)
            {
                var seenOn = _harvest.Cookies[transient].FirstSeenOn;
                _harvest.Cookies.Remove(transient);
                _harvest.AddCookie(key, Observe(c, seenOn));
            }
            else if (!_harvest.Cookies.ContainsKey(key))
            {
                _harvest.AddCookie(key, Observe(c, setOn.GetValueOrDefault(c.Name, firstOfWave)));
            }
        }
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

    private void Enqueue(string link, int depth)
    {
        if (Scope.Http(link) is { } next && Scope.InScope(next, Start) && _seen.Add(Key(next)))
        {
            _queue.Enqueue((new UriBuilder(next) { Fragment = "" }.Uri, depth));
        }
    }

    private ObservedCookie Observe(BrowserContextCookiesResult c, string page) =>
        new(c.Name, c.Domain, c.Path, c.Expires > 0 ? c.Expires : null, c.Secure, c.HttpOnly, c.SameSite.ToString(), !Scope.SameSite(c.Domain.TrimStart('.'), Start.Host, PublicSuffixList.Installed), page)
        {
            PartitionKey = string.IsNullOrEmpty(c.PartitionKey) ? null : c.PartitionKey,
        };

    private static string Key(Uri u) => u.GetLeftPart(UriPartial.Query).TrimEnd('/');

    /// <summary>Closes the visit's context (bounded); the browser is closed by its owner.</summary>
    public async ValueTask DisposeAsync()
    {
        await PageCalls.TryAsync(_context.CloseAsync(), CancellationToken.None, TimeSpan.FromSeconds(15));
        _tabs.Dispose();
    }
}
