using System.Net;
using System.Text;
using Consentry.Manifests;

namespace Consentry.Cli.Demo;

/// <summary>Writes the demo's pages. Every value from a manifest is HTML-encoded; page bodies are the demo's own markup.</summary>
internal static class DemoHtml
{
    public static string Page(DemoSite site, CookieManifest manifest, DemoPage page, string nonce)
    {
        var sb = new StringBuilder();
        sb.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
          .Append("<title>").Append(E(page.Title)).Append(" — ").Append(E(manifest.Site.Name)).Append("</title>\n")
          .Append("<link rel=\"stylesheet\" href=\"/demo-assets/demo.css\">\n")
          .Append("<script src=\"/consentry/banner.js\" nonce=\"").Append(nonce).Append("\" defer></script>\n")
          .Append("<script src=\"/demo-assets/demo.js\" nonce=\"").Append(nonce).Append("\" defer></script>\n")
          .Append("</head>\n<body>\n<header><strong>").Append(E(manifest.Site.Name)).Append("</strong> <nav aria-label=\"Main\">");
        foreach (var p in site.Pages)
        {
            sb.Append("<a href=\"").Append(p.Path).Append("\">").Append(E(p.Title)).Append("</a>");
        }

        sb.Append("</nav></header>\n<main>\n<h1>").Append(E(page.Title)).Append("</h1>\n<p>").Append(E(site.Tagline)).Append("</p>\n").Append(page.Body).Append("\n</main>\n<footer>");
        foreach (var (text, href, opensSettings) in site.Footer)
        {
            sb.Append("<a href=\"").Append(href).Append('"').Append(opensSettings ? " data-consentry-open" : "").Append('>').Append(E(text)).Append("</a>");
        }

        sb.Append("</footer>\n").Append(site.GatedScripts).Append("\n</body>\n</html>\n");
        return sb.ToString();
    }

    public static string Index(IEnumerable<(DemoSite Site, CookieManifest Manifest)> sites, int port, bool drift = false)
    {
        var sb = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>Consentry demo</title>\n<link rel=\"stylesheet\" href=\"/demo-assets/demo.css\">\n</head>\n<body>\n<main>\n<h1>Consentry demo: the four reference sites</h1>\n<p>Each site runs on its own origin (<code>*.localhost</code> resolves to this machine), with the cookies, storage, banner and policy its manifest declares.</p>\n<ul>\n");
        foreach (var (site, manifest) in sites)
        {
            var origin = $"http://{site.Id}.localhost:{port}";
            sb.Append("<li><a href=\"").Append(origin).Append("/\">").Append(E(manifest.Site.Name)).Append("</a> — ").Append(E(site.Tagline))
              .Append(" (<a href=\"").Append(origin).Append("/consentry/policy\">cookie policy</a>)</li>\n");
        }

        sb.Append("</ul>\n<h2>Drift</h2>\n<p>").Append(drift
            ? "ClaimCMR has drifted: its pages set an undeclared 90-day <code>promo_ref</code> cookie before any choice. A scan now reports it."
            : "Every site sets only what its manifest declares. Switch drift on to see what a scan reports when a site changes behind its policy.")
          .Append("</p>\n<form method=\"post\" action=\"/demo/drift\"><button type=\"submit\">").Append(drift ? "Repair ClaimCMR" : "Break ClaimCMR: add an undeclared cookie").Append("</button></form>\n");
        return sb.Append("</main>\n</body>\n</html>\n").ToString();
    }

    private static string E(string s) => WebUtility.HtmlEncode(s);
}
