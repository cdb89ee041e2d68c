namespace Consentry.Ledger.Receipts;

/// <summary>
/// Proof of one consent choice. Holds no raw IP address; the user agent only as a coarse family.
/// </summary>
public sealed record ConsentReceipt
{
    /// <summary>The site id.</summary>
    public required string Site { get; init; }
    /// <summary>The random consent id the banner generated (32 hex digits).</summary>
    public required string ConsentId { get; init; }
    /// <summary>
    /// The id the banner gave this receipt (32 hex digits), or null for receipts written before receipt ids
    /// existed. A receipt sent again with the same id (a retry after a lost answer) stores nothing new.
    /// </summary>
    public string? ReceiptId { get; init; }
    /// <summary>The manifest revision shown.</summary>
    public required int Revision { get; init; }
    /// <summary>SHA-256 (hex) of the policy text shown.</summary>
    public required string PolicyHash { get; init; }
    /// <summary>Decision per category: true granted, false refused.</summary>
    public required IReadOnlyDictionary<string, bool> Categories { get; init; }
    /// <summary>Decision per service (provider id).</summary>
    public required IReadOnlyDictionary<string, bool> Services { get; init; }
    /// <summary>accept-all, reject-all, custom, withdraw, gpc, dnt, api or renewed.</summary>
    public required string Method { get; init; }
    /// <summary>The banner's language.</summary>
    public required string Language { get; init; }
    /// <summary>The page, without query string or fragment.</summary>
    public required string PageUrl { get; init; }
    /// <summary>
    /// Where the visitor was, as the site's CDN told the server: an ISO 3166 country (<c>FR</c>) or subdivision
    /// (<c>US-CA</c>), nothing finer; null when not known (no region headers, an untrusted sender, or receipts written
    /// before regions existed).
    /// </summary>
    public string? Region { get; init; }
    /// <summary>
    /// The consent model the visitor was asked under (<c>opt-in</c>, <c>opt-out</c>, <c>notice</c>, <c>none</c>); null for
    /// receipts of sites without regional rules (or written before them), which were all asked opt-in.
    /// </summary>
    public string? Model { get; init; }
    /// <summary>Chrome, Firefox, Safari, Edge, Opera, Bot or Other.</summary>
    public required string UserAgentFamily { get; init; }
    /// <summary>When the server received it (UTC, millisecond precision).</summary>
    public required DateTimeOffset ServerTime { get; init; }
}
