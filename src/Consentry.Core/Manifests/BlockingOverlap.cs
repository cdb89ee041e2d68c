namespace Consentry.Manifests;

/// <summary>
/// Why a domain of a provider that needs consent is not held by the blocker (<c>consent.blocking: providers</c>): it
/// is, or holds, or lies within the site's own domain <see cref="Domain"/> (<see cref="ProviderId"/> null), or a domain
/// of provider <see cref="ProviderId"/>, which needs no consent. Blocking it would block what needs no consent.
/// </summary>
/// <param name="Domain">The domain it overlaps.</param>
/// <param name="ProviderId">The consent-free provider that domain belongs to; null for the site's own.</param>
public sealed record BlockingOverlap(string Domain, string? ProviderId)
{
    /// <summary>
    /// The one rule the blocker and the manifest's check (CN0128) share: what keeps
    /// <paramref name="domain"/> of a consent-needing provider from being blocked, or null when it may be.
    /// </summary>
    public static BlockingOverlap? Of(CookieManifest manifest, string domain)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        ArgumentNullException.ThrowIfNull(domain);
        var d = domain.Trim().Trim('.');
        if (manifest.Site.Domains.FirstOrDefault(s => Overlaps(d, s)) is { } site)
        {
            return new BlockingOverlap(site, null);
        }

        var needing = manifest.ProvidersNeedingConsent.Select(p => p.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var free in manifest.Providers.Where(p => !needing.Contains(p.Id)))
        {
            if (free.Domains.FirstOrDefault(f => Overlaps(d, f)) is { } other)
            {
                return new BlockingOverlap(other.Trim('.'), free.Id);
            }
        }

        return null;
    }

    private static bool Overlaps(string a, string b)
    {
        b = b.Trim().Trim('.');
        return Domains.DomainNames.IsWithin(a, b) || Domains.DomainNames.IsWithin(b, a);
    }
}
