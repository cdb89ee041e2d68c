namespace Consentry.Regions;

/// <summary>Where a visitor is, as far as a consent model needs: a country and, where known, its subdivision (nothing finer).</summary>
/// <param name="Country">The ISO 3166-1 alpha-2 code, upper case (<c>US</c>).</param>
/// <param name="Subdivision">The ISO 3166-2 subdivision part after the country, upper case (<c>CA</c> for California), or null.</param>
public sealed record VisitorRegion(string Country, string? Subdivision = null)
{
    /// <summary>The region's code: <c>US-CA</c>, or the country alone.</summary>
    public string Code => Subdivision is null ? Country : Country + "-" + Subdivision;

    /// <summary>
    /// The region a CDN's headers give: <paramref name="country"/> a known ISO 3166-1 code (any case), and
    /// <paramref name="subdivision"/> either the part after the country (<c>CA</c>, as CloudFront and Vercel send it) or
    /// the whole ISO 3166-2 code (<c>US-CA</c>). Null when the country is missing, malformed or no country (Cloudflare's
    /// <c>XX</c> and <c>T1</c>); a malformed subdivision is dropped.
    /// </summary>
    public static VisitorRegion? FromHeaders(string? country, string? subdivision)
    {
        var c = country?.Trim().ToUpperInvariant();
        if (c is null || !RegionCodes.IsCountry(c))
        {
            return null;
        }

        var s = subdivision?.Trim().ToUpperInvariant();
        if (s is not null && s.StartsWith(c + "-", StringComparison.Ordinal))
        {
            s = s[(c.Length + 1)..];
        }

        return new VisitorRegion(c, s is not null && RegionCodes.IsSubdivision(c + "-" + s) ? s : null);
    }
}
