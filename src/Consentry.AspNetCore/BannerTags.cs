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

    /// <summary>The banner's code and style for a page to carry: (script, style) when neither can close its element (no
    /// <c>&lt;/script</c>, <c>&lt;/style</c> nor <c>&lt;!--</c>); null otherwise.</summary>
    private static readonly Lazy<(string Code, string Style)?> Inline = new(() =>
    {
        var code = Encoding.UTF8.GetString(BannerAssets.Read("banner.js"));
        var style = Encoding.UTF8.GetString(BannerAssets.Read("banner.css"));
        return code.Contains("</script", StringComparison.OrdinalIgnoreCase) || style.Contains("</style", StringComparison.OrdinalIgnoreCase)
            || code.Contains("<!--", StringComparison.Ordinal) || style.Contains("<!--", StringComparison.Ordinal) ? null : (code, style);
    });

    /// <summary>Preloads of the configuration and stylesheet, the blocker's tag, the banner's tag: one tag for every visitor.</summary>
    public static string ForEveryone(ConsentrySite site, string origin)
    {
        var baseUrl = origin + site.PathBase;
        return ConfigPreload(baseUrl) + StylePreload(baseUrl) + site.BlockerTag(baseUrl, nonce: null, servicesBeforeChoice: null) + FileTag(site, baseUrl, nonce: null, synchronous: false);
    }

    /// <summary>The tags for <paramref name="context"/>'s visitor (<see cref="ForPage"/>), the page's own host serving the banner when <paramref name="origin"/> is empty.</summary>
    public static string ForVisitor(ConsentrySite site, string origin, HttpContext context) =>
        ForPage(site, context, origin + site.PathBase, nonce: null, ownHost: origin.Length == 0);

    /// <summary>
    /// The tags a page rendered for <paramref name="context"/>'s visitor puts in its head, the banner served under
    /// <paramref name="baseUrl"/> (HTML-safe): <see cref="BeforeBanner"/> and the banner's tag, synchronous from the page's
    /// own host and <c>async</c> from another origin; or, from the page's own host to a visitor who has not chosen
    /// (<see cref="InlineBanner"/>), the configuration, the banner's style, the blocker's tag and the banner's code, all
    /// in the page (its <c>data-config</c> names <c>config.json</c>, against which the policy and receipt addresses resolve).
    /// </summary>
    public static string ForPage(ConsentrySite site, HttpContext context, string baseUrl, string? nonce, bool ownHost)
    {
        if (!ownHost || InlineBanner(site, context, nonce) is not { } inline)
        {
            return BeforeBanner(site, context, baseUrl, nonce) + FileTag(site, baseUrl, nonce, synchronous: ownHost);
        }

        return InlineConfig(site, context) + $"<style{NonceAttribute(nonce)}>{inline.Style}</style>" + Blocker(site, context, baseUrl, nonce)
            + $"<script data-config=\"{baseUrl}/config.json\" data-no-css{Flags(site, nonce)}>{inline.Code}</script>";
    }

    /// <summary>The tag that loads <c>banner.js</c> with its Subresource Integrity hash: synchronous when the page's own host serves it, else <c>async</c>.</summary>
    public static string FileTag(ConsentrySite site, string baseUrl, string? nonce, bool synchronous) =>
        $"<script src=\"{baseUrl}/banner.js\" integrity=\"{site.Script.Integrity}\" crossorigin=\"anonymous\"{Flags(site, nonce)}{(synchronous ? "" : " async")}></script>";

    /// <summary>The page's nonce (copied to the scripts the banner activates) and the Consent Mode flag.</summary>
    private static string Flags(ConsentrySite site, string? nonce) =>
        NonceAttribute(nonce) + (site.Manifest.Consent.GoogleConsentMode ? " data-gcm" : "");

    /// <summary>The page's CSP nonce as an attribute of a tag Consentry writes (empty without one).</summary>
    internal static string NonceAttribute(string? nonce) =>
        string.IsNullOrEmpty(nonce) ? "" : $" nonce=\"{System.Net.WebUtility.HtmlEncode(nonce)}\"";

    /// <summary>
    /// The banner's code and style for a page its own host renders for <paramref name="context"/>'s visitor, when they go
    /// inside the page: the visitor has not chosen (the banner will be on screen at once, and a request for <c>banner.js</c> would
    /// come first), <see cref="ConsentryOptions.InlineBannerBeforeChoice"/> is on, and an inline script may run (a
    /// nonce is given, or the response has no Content-Security-Policy yet). Null: the page loads the cached files.
    /// </summary>
    private static (string Code, string Style)? InlineBanner(ConsentrySite site, HttpContext context, string? nonce) =>
        site.BannerRequired && Inline.Value is { } inline
        && context.RequestServices.GetService<ConsentryOptions>() is { InlineBannerBeforeChoice: true }
        && (!string.IsNullOrEmpty(nonce) || !context.Response.Headers.ContainsKey(Microsoft.Net.Http.Headers.HeaderNames.ContentSecurityPolicy))
        && !context.GetConsent().HasChoice
            ? inline : null;

    /// <summary>
    /// What goes before the banner's own tag on a page rendered for <paramref name="context"/>'s visitor: the visitor's
    /// configuration inline, the stylesheet's preload, and the blocker's tag naming what the visitor's region lets load
    /// before a choice. <paramref name="baseUrl"/> is HTML-safe already.
    /// </summary>
    public static string BeforeBanner(ConsentrySite site, HttpContext context, string baseUrl, string? nonce) =>
        InlineConfig(site, context) + StylePreload(baseUrl) + Blocker(site, context, baseUrl, nonce);

    /// <summary>The blocker's tag (empty when the site does not block providers), naming what the visitor's region lets load before a choice.</summary>
    private static string Blocker(ConsentrySite site, HttpContext context, string baseUrl, string? nonce) =>
        site.BlockerTag(baseUrl, nonce, HttpContextConsentExtensions.ServicesBeforeChoice(context, site));

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
