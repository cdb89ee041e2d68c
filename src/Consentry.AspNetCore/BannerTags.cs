using System.Runtime.CompilerServices;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Consentry.AspNetCore;

/// <summary>
/// The tags a page puts in its <c>&lt;head&gt;</c> for a site's banner. A page rendered per visitor carries that visitor's
/// configuration inline, so the banner needs no second request before it shows, and when the page's own host serves
/// the banner its script is synchronous: it runs before the browser's first frame, which then shows the banner (and
/// Consent Mode's defaults are in place before any tag manager after it). From another origin, and in a tag made once
/// for every visitor (which preloads <c>config.json</c> instead), the script is <c>async</c>, so a slow consent server
/// never holds the page. Either way the banner waits for the page to be parsed before it looks for held tags.
/// </summary>
internal static class BannerTags
{
    /// <summary>The id of the inline configuration's data block, which the banner looks for before fetching <c>config.json</c>.</summary>
    private const string InlineConfigId = "consentry-config";

    private static readonly ConditionalWeakTable<ConsentrySite.Asset, string> InlineConfigs = [];

    /// <summary>The banner's code when it can sit inside a <c>&lt;script&gt;</c> element (it holds no <c>&lt;/script</c> nor <c>&lt;!--</c>); null otherwise.</summary>
    private static readonly Lazy<string?> InlineCode = new(() =>
    {
        var code = Encoding.UTF8.GetString(BannerAssets.Read("banner.js"));
        return code.Contains("</script", StringComparison.OrdinalIgnoreCase) || code.Contains("<!--", StringComparison.Ordinal) ? null : code;
    });

    /// <summary>Preloads of the configuration and stylesheet, the blocker's tag, the banner's tag: one tag for every visitor.</summary>
    public static string ForEveryone(ConsentrySite site, string origin)
    {
        var baseUrl = origin + site.PathBase;
        return ConfigPreload(baseUrl) + StylePreload(baseUrl) + site.BlockerTag(baseUrl, nonce: null, servicesBeforeChoice: null) + Banner(site, baseUrl);
    }

    /// <summary>
    /// The tags for <paramref name="context"/>'s visitor: <see cref="BeforeBanner"/>, then the banner's tag (synchronous when
    /// <paramref name="origin"/> is empty, i.e. the page's own host serves it).
    /// </summary>
    public static string ForVisitor(ConsentrySite site, string origin, HttpContext context)
    {
        var baseUrl = origin + site.PathBase;
        return BeforeBanner(site, context, baseUrl, nonce: null)
            + (origin.Length == 0 && InlineBanner(site, context, nonce: null) is { } code
                ? $"<script data-config=\"{baseUrl}/config.json\" data-no-css{(site.Manifest.Consent.GoogleConsentMode ? " data-gcm" : "")}>{code}</script>" + Stylesheet(baseUrl, nonce: null)
                : Banner(site, baseUrl, synchronous: origin.Length == 0));
    }

    /// <summary>
    /// The banner's code for a page its own host renders for <paramref name="context"/>'s visitor, when it goes inside the
    /// page: the visitor has not chosen (the banner will be on screen at once, and a request for <c>banner.js</c> would
    /// come first), <see cref="ConsentryOptions.InlineBannerBeforeChoice"/> is on, and an inline script may run (a
    /// nonce is given, or the response has no Content-Security-Policy yet). Null: the page loads the cached file.
    /// </summary>
    public static string? InlineBanner(ConsentrySite site, HttpContext context, string? nonce) =>
        site.BannerRequired && InlineCode.Value is { } code
        && context.RequestServices.GetService<ConsentryOptions>() is { InlineBannerBeforeChoice: true }
        && (!string.IsNullOrEmpty(nonce) || !context.Response.Headers.ContainsKey(Microsoft.Net.Http.Headers.HeaderNames.ContentSecurityPolicy))
        && !context.GetConsent().HasChoice
            ? code : null;

    /// <summary>The stylesheet's tag, after an inline banner (which is told <c>data-no-css</c>, having no address of its own to find it beside).</summary>
    public static string Stylesheet(string baseUrl, string? nonce) =>
        $"<link rel=\"stylesheet\" href=\"{baseUrl}/banner.css\"{(string.IsNullOrEmpty(nonce) ? "" : $" nonce=\"{System.Net.WebUtility.HtmlEncode(nonce)}\"")}>";

    private static string Banner(ConsentrySite site, string baseUrl, bool synchronous = false) =>
        $"<script src=\"{baseUrl}/banner.js\" integrity=\"{site.Script.Integrity}\" crossorigin=\"anonymous\"{(site.Manifest.Consent.GoogleConsentMode ? " data-gcm" : "")}{(synchronous ? "" : " async")}></script>";

    /// <summary>
    /// What goes before the banner's own tag on a page rendered for <paramref name="context"/>'s visitor: the visitor's
    /// configuration inline, the stylesheet's preload, and the blocker's tag naming what the visitor's region lets load
    /// before a choice. <paramref name="baseUrl"/> is HTML-safe already.
    /// </summary>
    public static string BeforeBanner(ConsentrySite site, HttpContext context, string baseUrl, string? nonce) =>
        InlineConfig(site, context) + StylePreload(baseUrl)
        + site.BlockerTag(baseUrl, nonce, HttpContextConsentExtensions.ServicesBeforeChoice(context, site));

    /// <summary>
    /// The configuration <c>config.json</c> would give this visitor (their languages, their region's consent model, the
    /// log's verifier key) as an HTML data block: JSON in a <c>&lt;script type="application/json"&gt;</c>, which no browser
    /// runs (so no Content-Security-Policy applies to it), with every <c>&lt;</c> escaped so no text can close the element
    /// (the configuration's JSON writer escapes it already; this keeps it so whatever writes it). Made once per variant.
    /// </summary>
    public static string InlineConfig(ConsentrySite site, HttpContext context)
    {
        var signing = context.RequestServices.GetService<LedgerSigning>()
            ?? throw new InvalidOperationException("The banner's tag for a visitor needs Consentry's services: call AddConsentry (or AddConsentrySites) on the app's services.");
        return InlineConfigs.GetValue(ConsentryEndpoints.VisitorConfig(context, site, signing), c =>
            $"<script type=\"application/json\" id=\"{InlineConfigId}\">{Encoding.UTF8.GetString(c.Content).Replace("<", "\\u003c", StringComparison.Ordinal)}</script>");
    }

    /// <summary>
    /// Fetched as the banner fetches it (CORS, same-origin credentials), so the browser asks for it beside the script
    /// instead of after it has run.
    /// </summary>
    private static string ConfigPreload(string baseUrl) => $"<link rel=\"preload\" href=\"{baseUrl}/config.json\" as=\"fetch\" crossorigin>";

    private static string StylePreload(string baseUrl) => $"<link rel=\"preload\" href=\"{baseUrl}/banner.css\" as=\"style\">";
}
