namespace Consentry.Scanner;

/// <summary>Everything a scan found, created up front with its provenance; reporters only render it.</summary>
public sealed record ScanResult
{
    /// <summary>The scanned start page.</summary>
    public required string Url { get; init; }
    /// <summary>The manifest compared against, if any.</summary>
    public string? Manifest { get; init; }
    /// <summary>Consentry's version.</summary>
    public required string ToolVersion { get; init; }
    /// <summary>Chromium's version.</summary>
    public required string BrowserVersion { get; init; }
    /// <summary>The Open Cookie Database used beside Consentry's own table (entries, file, date); null when none was.</summary>
    public string? CookieDatabase { get; init; }
    /// <summary>The catalogue the items were classified with (not serialized; <see cref="CookieDatabase"/> describes it).</summary>
    public Catalogue.CookieCatalogue Catalogue { get; init; } = Consentry.Scanner.Catalogue.CookieCatalogue.BuiltIn;
    /// <summary>The options, as given.</summary>
    public required ScanOptions Options { get; init; }
    /// <summary>When the scan started and ended (UTC).</summary>
    public required DateTimeOffset StartedAt { get; init; }
    /// <summary>When the scan ended.</summary>
    public required DateTimeOffset EndedAt { get; init; }
    /// <summary>The three visits.</summary>
    public required IReadOnlyList<VisitResult> Visits { get; init; }
    /// <summary>The findings, most serious first.</summary>
    public required IReadOnlyList<Finding> Findings { get; init; }

    /// <summary>What changed since a baseline scan, when one was given (<c>consentry scan --baseline</c>); reports show it.</summary>
    public Drift.ScanDrift? Drift { get; init; }
}
