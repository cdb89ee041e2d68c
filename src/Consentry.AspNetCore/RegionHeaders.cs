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

    /// <summary>
    /// Reads a setting such as <c>consentry server --region-headers</c>: <c>cloudflare</c>, <c>cloudfront</c> or
    /// <c>vercel</c> (any case), or the header names, the country's first: <c>X-Country</c> or <c>X-Country,X-Region</c>.
    /// </summary>
    /// <exception cref="FormatException">The text is none of these; the message says what is accepted.</exception>
    public static RegionHeaders Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var preset = text.Trim().ToLowerInvariant() switch
        {
            "cloudflare" => Cloudflare,
            "cloudfront" => CloudFront,
            "vercel" => Vercel,
            _ => null,
        };
        if (preset is not null)
        {
            return preset;
        }

        var names = text.Split(',', StringSplitOptions.TrimEntries);
        if (names.Length is < 1 or > 2 || names.Any(n => n.Length == 0 || !n.All(IsTokenChar)))
        {
            throw new FormatException($"'{text}' names no region headers. Fix: give cloudflare, cloudfront or vercel, or the country header's name and optionally the subdivision header's, separated by a comma (X-Country,X-Region).");
        }

        return new RegionHeaders(names[0], names.Length == 2 ? names[1] : null);
    }

    /// <summary>A character of an HTTP field name (RFC 9110 token).</summary>
    private static bool IsTokenChar(char c) => char.IsAsciiLetterOrDigit(c) || "!#$%&'*+-.^_`|~".Contains(c, StringComparison.Ordinal);
}
