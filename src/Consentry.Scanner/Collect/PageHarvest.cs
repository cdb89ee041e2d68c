using Consentry.Manifests;
using Microsoft.Playwright;

namespace Consentry.Scanner.Collect;

/// <summary>What one scanned page shows, read into the visit's harvest through bounded calls.</summary>
internal static class PageHarvest
{
    /// <summary>Cookies a script wrote on this page, also those removed again before the page went quiet.</summary>
    public static async Task ScriptCookiesAsync(Tab tab, VisitHarvest harvest, CancellationToken cancellationToken)
    {
        var (_, names) = await tab.CallAsync(p => p.EvaluateAsync<string[]>(PageScripts.CookieWrites, VisitHarvest.MaxItems + 1), cancellationToken);
        foreach (var name in names ?? [])
        {
            if (!harvest.Cookies.Keys.Any(k => k.Name == name))
            {
                var host = new Uri(tab.Page.Url).Host;
                harvest.AddCookie((name, host, "/"), new ObservedCookie(name, host, "/", null, false, false, "Lax", false, tab.Page.Url) { Transient = true });
            }
        }
    }

    /// <summary>localStorage, sessionStorage and IndexedDB names of the page's origin.</summary>
    public static async Task StorageAsync(Tab tab, VisitHarvest harvest, CancellationToken cancellationToken)
    {
        var (_, found) = await tab.CallAsync(p => p.EvaluateAsync<string[][]>(PageScripts.Storage, VisitHarvest.MaxItems + 1), cancellationToken);
        if (found is not { Length: 3 })
        {
            return;
        }

        var origin = new Uri(tab.Page.Url).GetLeftPart(UriPartial.Authority);
        string[] kinds = [StorageTypes.Name(StorageType.LocalStorage), StorageTypes.Name(StorageType.SessionStorage), StorageTypes.Name(StorageType.IndexedDb)];
        for (var k = 0; k < kinds.Length; k++)
        {
            foreach (var name in found[k])
            {
                harvest.AddStorage(new ObservedStorage(kinds[k], name, origin, tab.Page.Url));
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
