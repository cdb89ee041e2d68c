using Consentry.Manifests;
using Microsoft.Playwright;

namespace Consentry.Scanner.Collect;

/// <summary>What one scanned page shows, read into the visit's harvest through bounded calls.</summary>
internal static class PageHarvest
{
    /// <summary>The cookie writes the page's scripts made (also those removed again before the page went quiet).</summary>
    public static async Task<string[][]> CookieWritesAsync(Tab tab, CancellationToken cancellationToken) =>
        (await tab.CallAsync(p => p.EvaluateAsync<string[][]>(PageScripts.CookieWrites, VisitHarvest.MaxItems + 1), cancellationToken)).Value ?? [];

    /// <summary>
    /// Records the cookie writes of <paramref name="page"/>, each kept as a line with its attributes, so the lifetime it
    /// asked for is checked like a header's; a cookie seen only there is kept as transient until the jar shows it.
    /// </summary>
    public static void AddCookieWrites(VisitHarvest harvest, string page, string[][] writes)
    {
        foreach (var write in writes)
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

    /// <summary>localStorage, sessionStorage, IndexedDB, Cache Storage and service worker names of the page's origin, by kind; null when the page did not answer.</summary>
    public static async Task<string[][]?> StorageAsync(Tab tab, CancellationToken cancellationToken) =>
        (await tab.CallAsync(p => p.EvaluateAsync<string[][]>(PageScripts.Storage, VisitHarvest.MaxItems + 1), cancellationToken)).Value is { } found && found.Length == StorageKinds.Length ? found : null;

    /// <summary>Records the storage names <see cref="StorageAsync"/> found on <paramref name="page"/>.</summary>
    public static void AddStorage(VisitHarvest harvest, string page, string[][] found)
    {
        var origin = new Uri(page).GetLeftPart(UriPartial.Authority);
        for (var k = 0; k < StorageKinds.Length; k++)
        {
            foreach (var name in found[k])
            {
                harvest.AddStorage(new ObservedStorage(StorageKinds[k], name, origin, page));
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
