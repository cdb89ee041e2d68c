using Microsoft.AspNetCore.Http;

namespace Consentry.AspNetCore;

/// <summary>
/// The site each request belongs to. An app using <c>AddConsentry</c> has one; <c>consentry serve</c>
/// hosts several and tells them apart by host name or path prefix.
/// </summary>
internal sealed class ConsentrySites
{
    private readonly List<(ConsentryManifest Site, Func<HttpContext, bool> Matches)> _sites = [];

    public IEnumerable<ConsentryManifest> All => _sites.Select(s => s.Site);

    public static ConsentrySites Single(ConsentryManifest site)
    {
        var sites = new ConsentrySites();
        sites.Add(site, _ => true);
        return sites;
    }

    public void Add(ConsentryManifest site, Func<HttpContext, bool> matches) => _sites.Add((site, matches));

    /// <summary>The site for this request, or null when it belongs to none (e.g. an index page).</summary>
    public ConsentryManifest? Resolve(HttpContext context)
    {
        foreach (var (site, matches) in _sites)
        {
            if (matches(context))
            {
                return site;
            }
        }

        return null;
    }
}
