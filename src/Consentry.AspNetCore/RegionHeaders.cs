namespace Consentry.AspNetCore;

/// <summary>
/// The request headers a CDN or proxy puts the visitor's country (ISO 3166-1 alpha-2) and subdivision in. Consentry
/// ships no IP database: where the visitor is comes from the edge, and only from the proxies named in
/// <see cref="ConsentryOptions.RegionProxies"/>.
/// </summary>
/// <param name="Country">The country header, e.g. <c>CF-IPCountry</c>.</param>
/// <param name="Subdivision">The subdivision header (<c>CA</c> or <c>US-CA</c>), or null where the edge sends none.</param>
public sealed record RegionHeaders(string Country, string? Subdivision = null)
{
    /// <summary>Cloudflare: <c>CF-IPCountry</c>, and <c>CF-Region-Code</c> with the "Add visitor location headers" managed transform.</summary>
    public static RegionHeaders Cloudflare { get; } = new("CF-IPCountry", "CF-Region-Code");

    /// <summary>Amazon CloudFront: <c>CloudFront-Viewer-Country</c> and <c>CloudFront-Viewer-Country-Region</c> (add them to the origin request policy).</summary>
    public static RegionHeaders CloudFront { get; } = new("CloudFront-Viewer-Country", "CloudFront-Viewer-Country-Region");

    /// <summary>Vercel: <c>X-Vercel-IP-Country</c> and <c>X-Vercel-IP-Country-Region</c>.</summary>
    public static RegionHeaders Vercel { get; } = new("X-Vercel-IP-Country", "X-Vercel-IP-Country-Region");
}
