using Consentry.Domains;

namespace Consentry.Scanner.Collect;

/// <summary>
/// Which addresses belong to the scanned site. Crawling and fetching stay on the start page's scheme, port and
/// registrable domain (other ports of the same host are other sites); who counts as a third party is decided
/// by registrable domain alone, as browsers decide it for cookies.
/// </summary>
internal static class Scope
{
    /// <summary>Whether the scan may request <paramref name="candidate"/>: same scheme, port and registrable domain as <paramref name="start"/>.</summary>
    public static bool InScope(Uri candidate, Uri start) =>
        candidate.Scheme == start.Scheme && candidate.Port == start.Port && SameSite(candidate.Host, start.Host, PublicSuffixList.Installed);

    /// <summary>Whether <paramref name="candidate"/> may be requested, for an address given as text; false for anything not absolute http(s).</summary>
    public static bool InScope(string candidate, Uri start) => Http(candidate) is { } u && InScope(u, start);

    /// <summary>
    /// Same site: the same registrable domain (public suffix + one label) by the Public Suffix List; without
    /// the list installed, approximated by the last two labels (wrong for suffixes like co.uk).
    /// </summary>
    public static bool SameSite(string candidate, string start, PublicSuffixList? list)
    {
        string Root(string host)
        {
            if (list is not null)
            {
                return list.RegistrableDomain(host);
            }

            var parts = host.Split('.');
            return parts.Length <= 2 || System.Net.IPAddress.TryParse(host, out _) ? host : string.Join('.', parts[^2..]);
        }

        return string.Equals(Root(candidate), Root(start), StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The address as an absolute http(s) URI, or null for anything else (data:, blob:, file:, chrome:, relative, malformed).</summary>
    public static Uri? Http(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var u) && (u.Scheme == Uri.UriSchemeHttp || u.Scheme == Uri.UriSchemeHttps) ? u : null;
}
