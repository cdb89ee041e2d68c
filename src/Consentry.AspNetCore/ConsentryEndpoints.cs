using System.Text;
using Consentry.Domains;
using Consentry.Policy;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace Consentry.AspNetCore;

/// <summary>The handlers behind <see cref="ConsentryApplicationBuilderExtensions.MapConsentry"/>.</summary>
internal static class ConsentryEndpoints
{
    /// <summary>Answers with <paramref name="answer"/> for the request's site, or 404 when there is none.</summary>
    public static IResult For(HttpContext context, Func<HttpContext, ConsentrySite?> find, Func<ConsentrySite, IResult> answer) =>
        find(context) is { } site ? answer(site) : UnknownSite(context);

    public static IResult UnknownSite(HttpContext context) => UnknownSite(context.Request.RouteValues["siteId"] as string ?? "");

    /// <summary>404 for a site id nobody serves here; other sites' ids are not listed (a public endpoint says nothing of other sites).</summary>
    public static IResult UnknownSite(string siteId) =>
        TypedResults.Problem($"No site '{siteId}' is served here. Fix: check the site id in the banner's script tag.", statusCode: StatusCodes.Status404NotFound, title: "Unknown site");

    /// <summary>The request's Origin when it is on one of the site's declared domains or their subdomains, else null.</summary>
    public static string? AllowedOrigin(ConsentrySite site, string origin) =>
        origin.Length > 0 && Uri.TryCreate(origin, UriKind.Absolute, out var o)
        && site.Manifest.Site.Domains.Any(d => DomainNames.IsWithin(o.Host, d))
            ? origin
            : null;

    public static IResult Serve(HttpContext context, ConsentrySite.Asset asset, string cacheControl)
    {
        var headers = context.Response.Headers;
        headers.CacheControl = cacheControl;
        headers.ETag = asset.ETag;
        headers.XContentTypeOptions = "nosniff";
        if (context.Request.Headers.IfNoneMatch.Contains(asset.ETag))
        {
            return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        }

        return TypedResults.Bytes(asset.Content, asset.ContentType);
    }

    public static IResult Policy(HttpContext context, ConsentrySite manifest, PolicyFormat format, string? lang, string? logKey = null)
    {
        lang ??= Languages(context.Request.Headers.AcceptLanguage);
        if (lang is not null && !PolicyRenderer.Languages.Contains(lang.Split('-')[0], StringComparer.OrdinalIgnoreCase))
        {
            return TypedResults.Problem($"No policy text in '{lang}'. Available: {string.Join(", ", PolicyRenderer.Languages)}.", statusCode: StatusCodes.Status404NotFound);
        }

        context.Response.Headers.CacheControl = "no-cache";
        PolicyHeaders.Apply(context.Response, format == PolicyFormat.Json ? PolicyHeaders.JsonCsp : manifest.PolicyPageCsp);
        var text = manifest.Policy(format, lang, logKey);
        return format == PolicyFormat.Json
            ? TypedResults.Text(text, "application/json", Encoding.UTF8)
            : TypedResults.Text(text, "text/html", Encoding.UTF8);
    }

    /// <summary>
    /// The banner configuration <paramref name="site"/> gives the visitor of <paramref name="context"/>: texts in their
    /// languages (up to three), their region's consent model, the log's verifier key. What <c>config.json</c> answers,
    /// and what a page rendered for the visitor carries inline.
    /// </summary>
    public static ConsentrySite.Asset VisitorConfig(HttpContext context, ConsentrySite site, LedgerSigning signing) =>
        site.ConfigWith(signing.VerifierKey(site.SiteId), BrowserLanguages(context.Request.Headers.AcceptLanguage, 3), HttpContextConsentExtensions.ModelFor(context, site));

    /// <summary>The first Accept-Language entry with built-in text, or null for the manifest's own language.</summary>
    private static string? Languages(Microsoft.Extensions.Primitives.StringValues header) => BrowserLanguages(header, 1) is [var first] ? first : null;

    /// <summary>
    /// Up to <paramref name="most"/> languages of an Accept-Language header that have built-in text, most wanted first,
    /// without regions (<c>de-AT</c> → <c>de</c>); q=0 means "not this one".
    /// </summary>
    public static IReadOnlyList<string> BrowserLanguages(Microsoft.Extensions.Primitives.StringValues header, int most)
    {
        if (!StringWithQualityHeaderValue.TryParseList(header, out var values))
        {
            return [];
        }

        return [.. values.Where(v => v.Quality is not 0).OrderByDescending(v => v.Quality ?? 1)
            .Select(v => v.Value.Value?.Split('-')[0].ToLowerInvariant())
            .OfType<string>()
            .Where(l => PolicyRenderer.Languages.Contains(l))
            .Distinct()
            .Take(most)
            .Order(StringComparer.Ordinal)];
    }
}
