namespace Consentry.Scanner;

/// <summary>What one visit saw across the pages it crawled.</summary>
public sealed record VisitResult
{
    /// <summary>Untouched, after reject all, or after accept all.</summary>
    public required VisitKind Kind { get; init; }
    /// <summary>True when the visit clicked a banner button (always false for untouched).</summary>
    public bool BannerOperated { get; init; }
    /// <summary>Which banner was found, or why none could be operated.</summary>
    public string BannerNote { get; init; } = "";
    /// <summary>A banner that was on screen but could not be operated: the button, the step and the reason; null otherwise.</summary>
    public string? BannerProblem { get; init; }
    /// <summary>Pages visited, in order.</summary>
    public IReadOnlyList<string> Pages { get; init; } = [];
    /// <summary>Cookies held at the end of each page, first sighting kept.</summary>
    public IReadOnlyList<ObservedCookie> Cookies { get; init; } = [];
    /// <summary>Storage keys and IndexedDB databases.</summary>
    public IReadOnlyList<ObservedStorage> Storage { get; init; } = [];
    /// <summary>Raw Set-Cookie lines the responses carried (redirects and frames included), with Chromium's reasons when it refused one.</summary>
    public IReadOnlyList<ObservedSetCookie> SetCookies { get; init; } = [];
    /// <summary>Hosts of other sites the pages requested.</summary>
    public IReadOnlyList<string> ThirdPartyHosts { get; init; } = [];
    /// <summary>The first page as the visit found it, banner included (JPEG); in the HTML report, not in JSON.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public byte[]? Screenshot { get; init; }
    /// <summary>The first page right after the banner was operated (JPEG); null for the untouched visit or when no banner was operated.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public byte[]? AfterChoiceScreenshot { get; init; }
    /// <summary>Pages that could not be scanned, or only as far as they had loaded, and pages left out at the time limit, each with the reason.</summary>
    public IReadOnlyList<string> Errors { get; init; } = [];
}
