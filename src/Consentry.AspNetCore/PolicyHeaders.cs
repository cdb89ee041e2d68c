using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace Consentry.AspNetCore;

/// <summary>
/// Security headers of the served policy: a strict Content-Security-Policy (no script at all; the page's one
/// inline style admitted by its hash), no MIME sniffing, framing only by the site's own domains, no referrer
/// to the providers' pages it links to.
/// </summary>
internal static partial class PolicyHeaders
{
    /// <summary>The JSON policy: data, never a document to render or frame.</summary>
    public const string JsonCsp = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

    public static string PageCsp(string html, IEnumerable<string> domains)
    {
        var styles = StyleElement().Matches(html).Select(m => $"'sha256-{Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(m.Groups[1].Value)))}'").ToList();
        var ancestors = string.Concat(domains.Select(d => $" https://{d} https://*.{d}"));
        return $"default-src 'none'; style-src {(styles.Count == 0 ? "'none'" : string.Join(' ', styles))}; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'self'{ancestors}";
    }

    public static void Apply(HttpResponse response, string csp)
    {
        var headers = response.Headers;
        headers.ContentSecurityPolicy = csp;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "SAMEORIGIN"; // for browsers without frame-ancestors; the CSP's list wins where it is known
        headers["Referrer-Policy"] = "no-referrer";
        // Compose with Vary the host (or CORS) already set, e.g. Origin.
        headers.Append(HeaderNames.Vary, HeaderNames.AcceptLanguage);
    }

    [GeneratedRegex("<style>(.*?)</style>", RegexOptions.Singleline)]
    private static partial Regex StyleElement();
}
