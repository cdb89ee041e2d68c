using System.Collections.Concurrent;
using Microsoft.Playwright;

namespace Consentry.Scanner.Collect;

/// <summary>
/// Collect: three visits in parallel, each in its own Chromium profile that keeps third-party cookies,
/// crawling same-site links breadth-first (bounded by pages and depth), waiting for the network to go
/// quiet rather than for a fixed time, and recording cookies, storage and requests to other sites.
/// </summary>
internal static class Collector
{
    private static readonly string[] Flags =
    [
        "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync",

        // Frames of other sites stay in the page's process, so the page's DevTools session sees their Set-Cookie lines too.
        "--disable-site-isolation-trials",
    ];

    /// <summary>Records every document.cookie write before any page script runs, so cookies set and removed again are still seen.</summary>
    private const string CookieHook = """
        (() => {
          const d = Object.getOwnPropertyDescriptor(Document.prototype, 'cookie');
          if (!d || window.__consentryWrites) return;
          const writes = [];
          Object.defineProperty(window, '__consentryWrites', { value: writes });
          Object.defineProperty(Document.prototype, 'cookie', {
            configurable: true,
            get() { return d.get.call(this); },
            set(v) {
              try {
                const s = String(v), name = s.split('=')[0].trim();
                if (name && !/max-age=0|expires=thu, 01 jan 1970/i.test(s)) writes.push(name);
              } catch (e) { /* never break the page */ }
              d.set.call(this, v);
            },
          });
        })();
        """;

    private static readonly string[] Browsers = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome", "/usr/bin/google-chrome-stable"];

    public static string? FindBrowser(string? explicitPath) => explicitPath ?? Browsers.FirstOrDefault(File.Exists);

    public static async Task<(string BrowserVersion, VisitResult[] Visits)> CollectAsync(ScanOptions options, IProgress<ScanProgress>? progress, CancellationToken cancellationToken)
    {
        var exe = FindBrowser(options.BrowserPath) ?? throw new ScanException("No Chromium found. Install it (apt-get install chromium) or name it with --browser PATH.");
        if (!File.Exists(exe))
        {
            throw new ScanException($"The browser '{exe}' does not exist.");
        }

        using var playwright = await Playwright.CreateAsync();
        var versions = new ConcurrentBag<string>();
        var deadline = DateTimeOffset.UtcNow + options.MaxTime;
        var visits = await Task.WhenAll(Enum.GetValues<VisitKind>().Select(kind => VisitAsync(playwright, exe, options, kind, versions, deadline, progress, cancellationToken)));
        return (versions.FirstOrDefault() ?? "unknown", visits);
    }

    private static async Task<VisitResult> VisitAsync(IPlaywright playwright, string exe, ScanOptions options, VisitKind kind, ConcurrentBag<string> versions, DateTimeOffset deadline, IProgress<ScanProgress>? progress, CancellationToken cancellationToken)
    {
        var profile = Directory.CreateTempSubdirectory("consentry-scan-").FullName;
        try
        {
            // A default profile blocks third-party cookies (reason UserPreferences): keep them, or the scan under-reports.
            Directory.CreateDirectory(Path.Combine(profile, "Default"));
            await File.WriteAllTextAsync(Path.Combine(profile, "Default", "Preferences"), "{\"profile\":{\"cookie_controls_mode\":0,\"block_third_party_cookies\":false}}", cancellationToken);
            await using var context = await playwright.Chromium.LaunchPersistentContextAsync(profile, new BrowserTypeLaunchPersistentContextOptions
            {
                ExecutablePath = exe,
                Headless = true,
                Args = [.. Flags, .. options.BrowserArgs],
                IgnoreHTTPSErrors = true,
            });
            if (context.Browser?.Version is { } version)
            {
                versions.Add(version);
            }

            await context.AddInitScriptAsync(CookieHook);
            var start = options.Url;
            var thirdParty = new ConcurrentDictionary<string, byte>(StringComparer.OrdinalIgnoreCase);
            var recorders = new Dictionary<IPage, SetCookieRecorder?>();
            async Task<IPage> OpenTabAsync(IPage? existing)
            {
                var tab = existing ?? await context.NewPageAsync();
                tab.SetDefaultTimeout((float)options.PageTimeout.TotalMilliseconds);
                tab.Request += (_, r) =>
                {
                    if (Http(r.Url) is { } u && !SameSite(u, start))
                    {
                        thirdParty.TryAdd(u.Host, 0);
                    }
                };
                recorders[tab] = await SetCookieRecorder.AttachAsync(context, tab);
                return tab;
            }

            var page = await OpenTabAsync(context.Pages.Count > 0 ? context.Pages[0] : null);
            var setCookies = new List<ObservedSetCookie>();
            var sitemapRead = false;
            byte[]? screenshot = null;
            byte[]? afterChoice = null;

            var cookies = new Dictionary<(string, string, string), ObservedCookie>();
            var storage = new Dictionary<(string, string, string), ObservedStorage>();
            var pages = new List<string>();
            var errors = new List<string>();
            var queue = new Queue<(Uri Url, int Depth)>([(start, 0)]);
            var seen = new HashSet<string>(StringComparer.Ordinal) { Key(start) };
            var bannerOperated = false;
            var bannerNote = kind == VisitKind.Untouched ? "no choice made (untouched visit)" : "";

            void Enqueue(string link, int depth)
            {
                if (Http(link) is { } next && SameSite(next, start) && seen.Add(Key(next)))
                {
                    queue.Enqueue((new UriBuilder(next) { Fragment = "" }.Uri, depth));
                }
            }

            // Tabs of the same profile: after the first page (where the banner is operated), pages load in parallel waves.
            var tabs = new List<IPage> { page };
            var done = 0;
            while (queue.Count > 0 && pages.Count < options.MaxPages)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (pages.Count > 0 && DateTimeOffset.UtcNow >= deadline)
                {
                    errors.Add($"stopped at the time limit ({options.MaxTime.TotalSeconds:F0} s, --max-time) with {queue.Count} known page(s) not visited; the report covers the {pages.Count} visited");
                    break;
                }

                var width = pages.Count == 0 ? 1 : Math.Min(Parallel, options.MaxPages - pages.Count);
                var wave = new List<(Uri Url, int Depth)>();
                while (wave.Count < width && queue.Count > 0)
                {
                    wave.Add(queue.Dequeue());
                }

                while (tabs.Count < wave.Count)
                {
                    tabs.Add(await OpenTabAsync(null));
                }

                var loads = await Task.WhenAll(wave.Select((w, i) => LoadAsync(tabs[i], w.Url, start, options.PageTimeout, options.QuietTimeout)));
                for (var i = 0; i < wave.Count; i++)
                {
                    progress?.Report(new ScanProgress(kind, ++done, options.MaxPages, wave[i].Url.ToString(), loads[i].Problem));
                }

                for (var i = 0; i < wave.Count; i++)
                {
                    var (tab, (url, depth)) = (tabs[i], wave[i]);
                    if (loads[i].Problem is { } problem)
                    {
                        errors.Add(problem);
                    }

                    if (!loads[i].Scanned)
                    {
                        continue;
                    }

                    pages.Add(tab.Url);
                    screenshot ??= await ScreenshotAsync(tab);
                    if (kind != VisitKind.Untouched && !bannerOperated && bannerNote.Length == 0)
                    {
                        // What scripts wrote before the choice belongs to the untouched visit, not to this one.
                        await tab.EvaluateAsync("() => { if (window.__consentryWrites) window.__consentryWrites.length = 0; }");
                        (bannerOperated, bannerNote) = await OperateBannerAsync(tab, kind);
                        if (bannerOperated)
                        {
                            // Then the start page as the visitor's next view shows it: scripts that ran before the choice run again under it.
                            await QuietAsync(tab, options.QuietTimeout);
                            afterChoice = await ScreenshotAsync(tab);
                            try
                            {
                                await tab.ReloadAsync(new PageReloadOptions { WaitUntil = WaitUntilState.Load });
                                await QuietAsync(tab, options.QuietTimeout);
                            }
                            catch (PlaywrightException e)
                            {
                                errors.Add($"{tab.Url}: reloading after the choice failed: {FirstLine(e.Message)}");
                            }
                        }
                    }

                    // Cookies a script wrote on this page (also those removed again before the page went quiet).
                    foreach (var name in await ScriptCookieWritesAsync(tab))
                    {
                        if (!cookies.Keys.Any(k => k.Item1 == name))
                        {
                            var host = new Uri(tab.Url).Host;
                            cookies[(name, host, "/")] = new ObservedCookie(name, host, "/", null, false, false, "Lax", false, tab.Url) { Transient = true };
                        }
                    }

                    foreach (var st in await StorageAsync(tab))
                    {
                        storage.TryAdd((st.Kind, st.Name, st.Origin), st with { FirstSeenOn = tab.Url });
                    }

                    if (depth < options.MaxDepth)
                    {
                        foreach (var link in await LinksAsync(tab))
                        {
                            Enqueue(link, depth + 1);
                        }
                    }

                    // Pages only the sitemap knows come after the start page's links.
                    if (!sitemapRead)
                    {
                        sitemapRead = true;
                        foreach (var link in await Sitemap.ReadAsync(tab, start, options.MaxPages * 5))
                        {
                            Enqueue(link, 1);
                        }
                    }
                }

                // Which page of the wave a header-set cookie came from: the tab whose responses carried its Set-Cookie line.
                var setOn = new Dictionary<string, string>(StringComparer.Ordinal);
                for (var i = 0; i < wave.Count; i++)
                {
                    if (recorders[tabs[i]] is not { } recorder)
                    {
                        continue;
                    }

                    foreach (var line in recorder.Drain())
                    {
                        if (loads[i].Scanned && line.BlockedReasons.Count == 0)
                        {
                            setOn.TryAdd(line.Name, tabs[i].Url);
                        }

                        if (!setCookies.Any(x => x.Url == line.Url && x.Line == line.Line))
                        {
                            setCookies.Add(line);
                        }
                    }
                }

                // The jar is shared by the tabs: a cookie neither a header nor a script of one tab explains is attributed to the wave's first page.
                var firstOfWave = loads.Select((l, i) => l.Scanned ? tabs[i].Url : null).FirstOrDefault(u => u is not null);
                if (firstOfWave is not null)
                {
                    foreach (var c in await context.CookiesAsync())
                    {
                        var key = (c.Name, c.Domain, c.Path);
                        var transient = cookies.Keys.FirstOrDefault(k => k.Item1 == c.Name && cookies[k].Transient);
                        if (transient != default)
                        {
                            var seenOn = cookies[transient].FirstSeenOn;
                            cookies.Remove(transient);
                            cookies[key] = Observe(c, start, seenOn);
                        }
                        else if (!cookies.ContainsKey(key))
                        {
                            cookies[key] = Observe(c, start, setOn.GetValueOrDefault(c.Name, firstOfWave));
                        }
                    }
                }
            }

            if (kind != VisitKind.Untouched && bannerNote.Length == 0)
            {
                bannerNote = "no page could be loaded";
            }

            return new VisitResult
            {
                Kind = kind,
                BannerOperated = bannerOperated,
                BannerNote = bannerNote,
                Pages = pages,
                Cookies = [.. cookies.Values],
                Storage = [.. storage.Values],
                SetCookies = setCookies,
                Screenshot = screenshot,
                AfterChoiceScreenshot = afterChoice,
                ThirdPartyHosts = [.. thirdParty.Keys.Order(StringComparer.Ordinal)],
                Errors = errors,
            };
        }
        finally
        {
            try
            {
                Directory.Delete(profile, recursive: true);
            }
            catch (IOException)
            {
                // Chromium may still be releasing files; the temp folder is cleaned by the system.
            }
        }
    }

    /// <summary>Pages of one visit loaded at once after the first.</summary>
    private const int Parallel = 4;

    /// <summary>
    /// Loads a page: its answer must arrive within the page timeout; what it is (HTML, same site) is judged as soon as it
    /// arrives; then the load event is awaited for the rest of the page timeout, and the network to go quiet for at most
    /// <paramref name="quiet"/>. A page that does not finish loading, or keeps polling, is scanned as it is then.
    /// </summary>
    private static async Task<PageLoad> LoadAsync(IPage page, Uri url, Uri start, TimeSpan timeout, TimeSpan quiet)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        IResponse? response;
        try
        {
            response = await page.GotoAsync(url.ToString(), new PageGotoOptions { WaitUntil = WaitUntilState.Commit, Timeout = (float)timeout.TotalMilliseconds });
        }
        catch (TimeoutException e)
        {
            return PageLoad.Failed($"{url}: {FirstLine(e.Message)}");
        }
        catch (PlaywrightException e)
        {
            return PageLoad.Failed($"{url}: {FirstLine(e.Message)}");
        }

        if (response is { } r && !(r.Headers.TryGetValue("content-type", out var type) && type.Contains("html", StringComparison.OrdinalIgnoreCase)))
        {
            return PageLoad.Failed($"{url}: not an HTML page ({(r.Headers.TryGetValue("content-type", out var t) ? t : "no content type")})");
        }

        if (response is not null && !SameSite(new Uri(page.Url), start))
        {
            return PageLoad.Failed($"{url}: redirected off-site to {page.Url}; not followed");
        }

        string? note = null;
        try
        {
            var left = timeout - clock.Elapsed;
            await page.WaitForLoadStateAsync(LoadState.Load, new PageWaitForLoadStateOptions { Timeout = (float)Math.Max(left.TotalMilliseconds, 250) });
        }
        catch (TimeoutException)
        {
            note = $"{url}: still loading after {timeout.TotalSeconds:0.#} s (--page-timeout); scanned as far as it had loaded";
        }
        catch (PlaywrightException e)
        {
            note = $"{url}: loading did not finish ({FirstLine(e.Message)}); scanned as far as it had loaded";
        }

        await QuietAsync(page, quiet);
        return new PageLoad(true, note);
    }

    /// <summary>Waits until the page's network has been quiet for 500 ms, for at most <paramref name="quiet"/>; a page that never goes quiet (polling, streaming) is taken as it is then.</summary>
    private static async Task QuietAsync(IPage page, TimeSpan quiet)
    {
        try
        {
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle, new PageWaitForLoadStateOptions { Timeout = (float)quiet.TotalMilliseconds });
        }
        catch (TimeoutException)
        {
        }
        catch (PlaywrightException)
        {
        }
    }

    private static ObservedCookie Observe(BrowserContextCookiesResult c, Uri start, string page) =>
        new(c.Name, c.Domain, c.Path, c.Expires > 0 ? c.Expires : null, c.Secure, c.HttpOnly, c.SameSite.ToString(), !SameSite(new Uri("https://" + c.Domain.TrimStart('.')), start), page)
        {
            PartitionKey = string.IsNullOrEmpty(c.PartitionKey) ? null : c.PartitionKey,
        };

    private static async Task<byte[]?> ScreenshotAsync(IPage page)
    {
        try
        {
            return await page.ScreenshotAsync(new PageScreenshotOptions { Type = ScreenshotType.Jpeg, Quality = 70, Timeout = 5000 });
        }
        catch (PlaywrightException)
        {
            return null;
        }
        catch (TimeoutException)
        {
            return null;
        }
    }

    private static async Task<(bool Operated, string Note)> OperateBannerAsync(IPage page, VisitKind kind)
    {
        foreach (var (platform, reject, accept) in BannerButtons.Known)
        {
            var button = page.Locator(kind == VisitKind.RejectAll ? reject : accept).First;
            try
            {
                await button.WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Visible, Timeout = platform == "Consentry" ? 3000 : 300 });
                await button.ClickAsync();
                return (true, $"{platform} banner: clicked \"{(kind == VisitKind.RejectAll ? "reject all" : "accept all")}\"");
            }
            catch (TimeoutException)
            {
            }
            catch (PlaywrightException)
            {
            }
        }

        // The long tail: autoconsent's rules for some 800 banner platforms.
        var (operated, note) = await Autoconsent.OperateAsync(page, kind, start: TimeSpan.FromSeconds(15), detect: TimeSpan.FromSeconds(6), finish: TimeSpan.FromSeconds(10));
        return operated
            ? (true, note)
            : (false, "no consent banner could be operated on the first page (no known Reject all / Accept all button, and autoconsent found none" + (note.Length > 0 ? $"; {note}" : "") + ")");
    }

    private static async Task<IReadOnlyList<ObservedStorage>> StorageAsync(IPage page)
    {
        try
        {
            var origin = new Uri(page.Url).GetLeftPart(UriPartial.Authority);
            var local = await page.EvaluateAsync<string[]>("() => { try { return Object.keys(localStorage); } catch { return []; } }");
            var session = await page.EvaluateAsync<string[]>("() => { try { return Object.keys(sessionStorage); } catch { return []; } }");
            var idb = await page.EvaluateAsync<string[]>("async () => { try { return (await indexedDB.databases()).map(d => d.name).filter(Boolean); } catch { return []; } }");
            return [.. local.Select(k => new ObservedStorage("localStorage", k, origin, page.Url)),
                    .. session.Select(k => new ObservedStorage("sessionStorage", k, origin, page.Url)),
                    .. idb.Select(k => new ObservedStorage("indexedDB", k, origin, page.Url))];
        }
        catch (PlaywrightException)
        {
            return [];
        }
    }

    private static async Task<string[]> ScriptCookieWritesAsync(IPage page)
    {
        try
        {
            return await page.EvaluateAsync<string[]>("() => Array.from(new Set(window.__consentryWrites || []))");
        }
        catch (PlaywrightException)
        {
            return [];
        }
    }

    private static async Task<string[]> LinksAsync(IPage page)
    {
        try
        {
            return await page.EvaluateAsync<string[]>("() => Array.from(document.querySelectorAll('a[href]'), a => a.href)");
        }
        catch (PlaywrightException)
        {
            return [];
        }
    }

    /// <summary>
    /// Same site: the same registrable domain (public suffix + one label) by the Public Suffix List; without
    /// the list installed, approximated by the last two labels (wrong for suffixes like co.uk).
    /// </summary>
    internal static bool SameSite(Uri candidate, Uri start) => SameSite(candidate.Host, start.Host, PublicSuffixList.Installed);

    internal static bool SameSite(string candidate, string start, PublicSuffixList? list)
    {
        string Root(string host)
        {
            if (list is not null)
            {
                return list.RegistrableDomain(host);
            }

            var parts = host.Split('.');
            return parts.Length <= 2 || System.Net.IPAddress.TryParse(host, out _) ? host : string.Join('.', parts[^2..]);
        }

        return string.Equals(Root(candidate), Root(start), StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The address as an absolute http(s) URI, or null for anything else (data:, blob:, relative, malformed).</summary>
    private static Uri? Http(string url) => Uri.TryCreate(url, UriKind.Absolute, out var u) && u.Scheme.StartsWith("http", StringComparison.Ordinal) ? u : null;

    private static string Key(Uri u) => u.GetLeftPart(UriPartial.Query).TrimEnd('/');

    private static string FirstLine(string s) => s.Split('\n')[0];
}
