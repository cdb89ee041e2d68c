namespace Consentry.Scanner.Collect;

/// <summary>How the scanner starts Chromium.</summary>
internal static class ChromiumFlags
{
    public static readonly string[] All =
    [
        "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync",

        // Frames of other sites stay in the page's process, so the page's DevTools session sees their Set-Cookie lines too.
        "--disable-site-isolation-trials",
    ];

    private static readonly string[] Browsers = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome", "/usr/bin/google-chrome-stable"];

    public static string? FindBrowser(string? explicitPath) => explicitPath ?? Browsers.FirstOrDefault(File.Exists);
}
