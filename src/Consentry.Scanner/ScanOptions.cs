namespace Consentry.Scanner;

/// <summary>What to scan and how.</summary>
public sealed record ScanOptions
{
    /// <summary>The start page.</summary>
    public required Uri Url { get; init; }
    /// <summary>At most this many pages per visit. Default 20.</summary>
    public int MaxPages { get; init; } = 20;
    /// <summary>At most this many links away from the start page. Default 3.</summary>
    public int MaxDepth { get; init; } = 3;
    /// <summary>Time limit for one page. Default 15 s.</summary>
    public TimeSpan PageTimeout { get; init; } = TimeSpan.FromSeconds(15);
    /// <summary>Time limit for the whole scan's crawling; each visit stops taking new pages when it is reached and the report says what was left. Default 5 min.</summary>
    public TimeSpan MaxTime { get; init; } = TimeSpan.FromMinutes(5);
    /// <summary>How long to wait, after a page has loaded, for its network to go quiet (500 ms without requests); a page that never goes quiet is scanned as it is then. Default 5 s.</summary>
    public TimeSpan QuietTimeout { get; init; } = TimeSpan.FromSeconds(5);
    /// <summary>The Chromium executable. Default: the system's (/usr/bin/chromium and the usual places).</summary>
    public string? BrowserPath { get; init; }
    /// <summary>An Open Cookie Database CSV to classify undeclared items with, beside Consentry's own table (<c>consentry cookiedb update</c> caches one). Default: none.</summary>
    public string? CookieDatabase { get; init; }
    /// <summary>Extra Chromium flags, e.g. <c>--host-resolver-rules=MAP *.localhost 127.0.0.1</c>.</summary>
    public IReadOnlyList<string> BrowserArgs { get; init; } = [];
}
