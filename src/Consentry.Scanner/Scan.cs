using System.Reflection;
using Consentry.Manifests;
using Consentry.Scanner.Catalogue;
using Consentry.Scanner.Collect;
using Consentry.Scanner.Inspect;

namespace Consentry.Scanner;

/// <summary>The scanner's pipeline: collect → inspect, into one <see cref="ScanResult"/>; reporters render it.</summary>
public static class Scan
{
    /// <summary>Scans <see cref="ScanOptions.Url"/> in three visits and compares what it saw with <paramref name="manifest"/> (optional).</summary>
    /// <exception cref="ScanException">No browser, an unreadable cookie database, or the start page could not be loaded in any visit.</exception>
    public static Task<ScanResult> RunAsync(ScanOptions options, CookieManifest? manifest, CancellationToken cancellationToken = default) =>
        RunAsync(options, manifest, null, cancellationToken);

    /// <summary>As <see cref="RunAsync(ScanOptions, CookieManifest?, CancellationToken)"/>, reporting each page done to <paramref name="progress"/>.</summary>
    /// <exception cref="ScanException">No browser, an unreadable cookie database, or the start page could not be loaded in any visit.</exception>
    public static async Task<ScanResult> RunAsync(ScanOptions options, CookieManifest? manifest, IProgress<ScanProgress>? progress, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var started = DateTimeOffset.UtcNow;
        CookieCatalogue catalogue;
        try
        {
            catalogue = options.CookieDatabase is { } db ? CookieCatalogue.Load(db) : CookieCatalogue.BuiltIn;
        }
        catch (Exception e) when (e is FormatException or IOException or UnauthorizedAccessException)
        {
            throw new ScanException($"The cookie database could not be read: {e.Message} Run 'consentry cookiedb update' to download it again, or leave it out.", e);
        }

        var (browser, visits) = await Collector.CollectAsync(options, progress, cancellationToken);
        if (visits.All(v => v.Pages.Count == 0))
        {
            throw new ScanException($"{options.Url} could not be loaded: {visits.SelectMany(v => v.Errors).FirstOrDefault() ?? "no page answered"}. Check the address, that the site is up, and any TLS error.");
        }

        return new ScanResult
        {
            Url = options.Url.ToString(),
            Manifest = manifest?.Path,
            ToolVersion = typeof(Scan).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0",
            BrowserVersion = browser,
            Options = options,
            StartedAt = started,
            EndedAt = DateTimeOffset.UtcNow,
            Visits = visits,
            CookieDatabase = catalogue.Description,
            Catalogue = catalogue,
            Findings = Inspector.Inspect(visits, manifest, catalogue, options.Url, DateTimeOffset.UtcNow),
        };
    }
}
