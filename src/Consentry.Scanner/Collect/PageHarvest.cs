using Consentry.Manifests;
using Microsoft.Playwright;

namespace Consentry.Scanner.Collect;

/// <summary>What one scanned page shows, read into the visit's harvest through bounded calls.</summary>
internal static class PageHarvest
{
    /// <summary>
    /// Cookies a script wrote on this page (also those removed again before the page went quiet), each write kept as
    /// a line with its attributes, so the lifetime it asked for is checked like a header's.
    /// </summary>
    public static async Task ScriptCookiesAsync(Tab tab, VisitHarvest harvest, CancellationToken cancellationToken)
    {
        var (_, writes) = await tab.CallAsync(p => p.EvaluateAsync<string[][]>(PageScripts.CookieWrites, VisitHarvest.MaxItems + 1), cancellationToken);
        var page = tab.Page.Url;
        foreach (var write in writes ?? [])
        {
            if (write is not [var name, var line, var at, var source] || name.Length == 0)
            {
                continue;
            }

            if (!harvest.Cookies.Keys.Any(k => k.Name == name))
            {
                var host = new Uri(page).Host;
                harvest.AddCookie((name, host, "/"), new ObservedCookie(name, host, "/", null, false, false, "Lax", false, page) { Transient = true });
            }

            var when = long.TryParse(at, System.Globalization.CultureInfo.InvariantCulture, out var ms) ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : DateTimeOffset.UtcNow;
            harvest.AddSetCookie(new ObservedSetCookie(page, name, line, SetCookieLine.RequestedLifetime(line, when), []) { Source = source });
        }
    }

    /// <summary>The kinds <see cref="PageScripts.Storage"/> answers, in its order.</summary>
    private static readonly string[] StorageKinds =
        [.. new[] { StorageType.LocalStorage, StorageType.SessionStorage, StorageType.IndexedDb, StorageType.CacheStorage, StorageType.ServiceWorker }.Select(StorageTypes.Name)];

    /// <summary>localStorage, sessionStorage, IndexedDB, Cache Storage and service worker names of the page's origin.</summary>
    public static async Task StorageAsync(Tab tab, VisitHarvest harvest, CancellationToken cancellationToken)
    {
        var (_, found) = await tab.CallAsync(p => p.EvaluateAsync<string[][]>(PageScripts.Storage, VisitHarvest.MaxItems + 1), cancellationToken);
        if (found is null || found.Length != StorageKinds.Length)
        {
            return;
        }

        var origin = new Uri(tab.Page.Url).GetLeftPart(UriPartial.Authority);
        for (var k = 0; k < StorageKinds.Length; k++)
        {
            foreach (var name in found[k])
            {
                harvest.AddStorage(new ObservedStorage(StorageKinds[k], name, origin, tab.Page.Url));
            }

            if (found[k].Length > VisitHarvest.MaxItems)
            {
                harvest.Truncated("storage keys");
            }
        }
    }

    public static async Task<byte[]?> ScreenshotAsync(Tab tab, CancellationToken cancellationToken) =>
        (await tab.CallAsync(p => p.ScreenshotAsync(new PageScreenshotOptions { Type = ScreenshotType.Jpeg, Quality = 70, Timeout = 5000 }), cancellationToken)).Value;
}
