using System.Security.Cryptography;
using System.Text;
using Consentry.Banner;
using Consentry.Domains;
using Consentry.Manifests;
using Consentry.Policy;
using Consentry.Regions;
using Microsoft.AspNetCore.Http;

namespace Consentry.AspNetCore;

/// <summary>
/// One site Consentry serves: its validated manifest and everything derived from it once (banner configuration,
/// policy hash, cookie look-up). An app using <c>AddConsentry</c> has one; a host of several sites (such as
/// <c>consentry serve</c>) creates one per manifest, registers them in <see cref="ConsentrySites"/>, and maps each
/// with <see cref="ConsentryApplicationBuilderExtensions.MapConsentrySite"/>.
/// </summary>
public sealed class ConsentrySite
{
    private readonly Dictionary<string, CookieItem> _exact = new(StringComparer.Ordinal);
    private readonly List<CookieItem> _prefixes;

    /// <summary>Derives the site from a valid <paramref name="manifest"/>, served under <paramref name="pathBase"/> (e.g. <c>/consentry</c>).</summary>
    /// <param name="manifest">The site's manifest (see <c>ManifestLoader</c>).</param>
    /// <param name="pathBase">Where the banner, configuration, policy and receipts are served.</param>
    /// <param name="siteId">The site's id in the ledger. Default: the manifest's site name in lower case, spaces as '-'.</param>
    public ConsentrySite(CookieManifest manifest, string pathBase, string? siteId = null)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        ArgumentNullException.ThrowIfNull(pathBase);
        Manifest = manifest;
        PathBase = pathBase.TrimEnd('/');
        SiteId = siteId ?? Slug(manifest.Site.Name);
        PolicyHash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(PolicyRenderer.Render(manifest, PolicyFormat.Text))));
        CategoryIds = manifest.OfferedCategories.Select(c => c.Id).ToHashSet(StringComparer.Ordinal);
        ServiceIds = manifest.Providers.Select(p => p.Id).ToHashSet(StringComparer.Ordinal);
        var cookies = manifest.AllItems.Where(i => i.Storage == StorageType.Cookie).ToList();
        foreach (var c in cookies.Where(c => c.Match == NameMatch.Exact))
        {
            _exact.TryAdd(c.Name, c);
        }

        _prefixes = [.. cookies.Where(c => c.Match == NameMatch.Prefix).OrderByDescending(c => c.Name.Length)];
        Locked = [.. manifest.Categories.Where(c => !c.ConsentRequired).Select(c => c.Id)];
        ConsentCookies = new ConsentCookieCache(manifest.Revision, Locked);
        // Asked on every request (and every cookie a page sets): computed once, not by walking the manifest each time.
        Revision = manifest.Revision;
        BannerRequired = manifest.BannerRequired;
        _needsConsent = cookies.Where(manifest.RequiresConsent).Cast<object?>().ToHashSet(ReferenceEqualityComparer.Instance);
        ConsentProviders = [.. manifest.ProvidersNeedingConsent.Select(p => p.Id)];
        MarketingServices = manifest.AllItems
            .Where(i => i.Category == BuiltInCategories.Marketing && manifest.RequiresConsent(i) && i.Provider is not null)
            .Select(i => i.Provider!).ToHashSet(StringComparer.Ordinal);
        _beforeChoice = [.. Enum.GetValues<ConsentModel>().Select(model => new ConsentState
        {
            Categories = new HashSet<string>(CategoryIds.Concat(Locked), StringComparer.Ordinal),
            Services = new HashSet<string>(ServiceIds, StringComparer.Ordinal),
            Model = model,
        })];
        Script = Asset.Of(BannerAssets.Read("banner.js"), "text/javascript; charset=utf-8");
        Style = Asset.Of(BannerAssets.Read("banner.css"), "text/css; charset=utf-8");
        Blocker = BlockerScript.For(manifest, ConsentProviders);
        PolicyPageCsp = PolicyHeaders.PageCsp(PolicyRenderer.Render(manifest, PolicyFormat.Html), manifest.Site.Domains);
    }

    /// <summary>The Content-Security-Policy of the served policy page: nothing but its own inline style, framed only by the site.</summary>
    internal string PolicyPageCsp { get; }

    /// <summary>The site's manifest.</summary>
    public CookieManifest Manifest { get; }

    /// <summary>The site's id in the ledger.</summary>
    public string SiteId { get; }

    /// <summary>SHA-256 (hex) of the policy text (manifest language), which receipts name as the policy shown.</summary>
    public string PolicyHash { get; }

    internal IReadOnlySet<string> CategoryIds { get; }

    internal IReadOnlySet<string> ServiceIds { get; }

    /// <summary>Where the site's endpoints are served, without a trailing slash.</summary>
    public string PathBase { get; }

    /// <summary>Categories that need no consent.</summary>
    internal IReadOnlyList<string> Locked { get; }

    /// <summary>The consent cookie values this site has read, and what each grants.</summary>
    internal ConsentCookieCache ConsentCookies { get; }

    private const string ConfigContentType = "application/json; charset=utf-8";

    /// <summary>The consent-aware policy, by which consent-needing providers the visitor granted (few combinations; built once each).</summary>
    internal System.Collections.Concurrent.ConcurrentDictionary<string, string> ConsentCspPolicies { get; } = new(StringComparer.Ordinal);

    /// <summary>
    /// The whole Content-Security-Policy header value, by request path base, then granted providers (string keys: a
    /// tuple key was measured to allocate on every lookup).
    /// </summary>
    internal System.Collections.Concurrent.ConcurrentDictionary<string, System.Collections.Concurrent.ConcurrentDictionary<string, string>> ConsentCspHeaders { get; } = new(StringComparer.Ordinal);

    /// <summary>The providers with consent-needing marketing items: what Global Privacy Control refuses.</summary>
    internal IReadOnlySet<string> MarketingServices { get; }

    private readonly ConsentState[] _beforeChoice;

    /// <summary>What a visitor under <paramref name="model"/> has before any choice, outside opt-in: every category and provider.</summary>
    internal ConsentState BeforeChoice(ConsentModel model) => _beforeChoice[(int)model];

    /// <summary>The providers whose items need consent, in manifest order.</summary>
    internal IReadOnlyList<string> ConsentProviders { get; }

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> _cspKeys = new(StringComparer.Ordinal);

    /// <summary>The one string for a key of granted providers, looked up without allocating one per request.</summary>
    internal string InternCspKey(ReadOnlySpan<char> key) =>
        _cspKeys.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(key, out var known) ? known : _cspKeys.GetOrAdd(key.ToString(), k => k);

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, Asset> _configs = new(StringComparer.Ordinal);

    /// <summary>
    /// The banner configuration naming the verifier key of the site's transparency log, with texts in the site's
    /// languages, English and <paramref name="visitorLanguages"/> (built-in ones only, so the variants are few; each
    /// made once), for a visitor under <paramref name="model"/>.
    /// </summary>
    internal Asset ConfigWith(string? logKey, IReadOnlyList<string> visitorLanguages, ConsentModel model = ConsentModel.OptIn) =>
        _configs.GetOrAdd(logKey + "|" + string.Join(',', visitorLanguages) + "|" + (int)model, _ => Asset.Of(
            Encoding.UTF8.GetBytes(BannerConfigWriter.Write(Manifest, PathBase + "/policy", PathBase + "/receipts", PolicyHash, logKey, visitorLanguages, model)), ConfigContentType));

    internal Asset Script { get; }

    internal Asset Style { get; }

    /// <summary><c>blocker.js</c> with this site's providers, or null when the manifest does not ask for <c>blocking: providers</c>.</summary>
    internal Asset? Blocker { get; }

    /// <summary>
    /// What a page adds to its <c>&lt;head&gt;</c>, before any other script, for a banner served from <paramref name="origin"/>
    /// (e.g. <c>https://consent.example</c>), the same for every visitor: preloads of the configuration and stylesheet, then
    /// the banner's <c>async</c> tag (absolute source, Subresource Integrity hash, the Consent Mode flag when the manifest
    /// enables it), preceded, with <c>consent.blocking: providers</c>, by the blocker's synchronous tag (its hash changes
    /// with the manifest).
    /// </summary>
    public string ScriptTag(string origin) => BannerTags.ForEveryone(this, origin);

    /// <summary>
    /// <see cref="ScriptTag(string)"/> for the visitor of <paramref name="request"/>, for pages rendered per request: the
    /// visitor's banner configuration is inline (no request for <c>config.json</c> before the banner shows); with an empty
    /// <paramref name="origin"/> (the page's own host serves the banner) the banner's script is synchronous, so the
    /// browser's first frame shows the banner (from another origin it stays <c>async</c>); and with
    /// <c>consent.blocking: providers</c> and <c>regions</c> the blocker is told which providers the visitor's region lets
    /// load before a choice (under opt-out, notice or none; never those Global Privacy Control refuses). Not for pages
    /// a shared cache keeps for every visitor: the configuration follows this visitor's languages and region.
    /// </summary>
    public string ScriptTag(string origin, HttpContext request)
    {
        ArgumentNullException.ThrowIfNull(origin);
        ArgumentNullException.ThrowIfNull(request);
        return BannerTags.ForVisitor(this, origin, request);
    }

    /// <summary>
    /// The blocker's tag for <c>blocker.js</c> under <paramref name="baseUrl"/> (already HTML-safe), with its SRI hash and the
    /// page's <paramref name="nonce"/>: synchronous (no defer, no async), so it runs before anything after it can load a
    /// provider. <paramref name="servicesBeforeChoice"/> (the visitor's region lets them load until a choice; none
    /// under opt-in) go in <c>data-cy-pre</c>, outside the hashed script so its integrity holds for every region; for
    /// a site with <c>regions</c> the attribute is there even when empty, so the blocker knows the page decided. Null
    /// (a tag made once for every visitor): no attribute, and with <c>regions</c> the blocker asks <c>config.json</c>.
    /// Empty when the site does not block providers.
    /// </summary>
    internal string BlockerTag(string baseUrl, string? nonce, IReadOnlyCollection<string>? servicesBeforeChoice = null) =>
        Blocker is null ? ""
        : $"<script src=\"{baseUrl}/blocker.js\" integrity=\"{Blocker.Integrity}\" crossorigin=\"anonymous\""
            + BannerTags.NonceAttribute(nonce)
            + (servicesBeforeChoice is { } pre && (pre.Count > 0 || Manifest.Regions.Count > 0) ? $" {BlockerScript.PreAttribute}=\"{System.Net.WebUtility.HtmlEncode(string.Join(' ', ConsentProviders.Where(pre.Contains)))}\"" : "")
            + "></script>";

    /// <summary>The manifest's revision.</summary>
    internal int Revision { get; }

    /// <summary>Whether anything needs consent (so the banner is shown).</summary>
    internal bool BannerRequired { get; }

    private readonly HashSet<object?> _needsConsent;

    /// <summary>Whether a declared cookie (from <see cref="FindCookie"/>) needs consent.</summary>
    internal bool NeedsConsent(CookieItem cookie) => _needsConsent.Contains(cookie);

    /// <summary>The declared cookie with this name: an exact name first, else the longest matching prefix.</summary>
    internal CookieItem? FindCookie(string name)
    {
        // A loop, not a lambda: this runs for every Set-Cookie, and a lambda capturing the name would allocate each time.
        if (_exact.TryGetValue(name, out var item))
        {
            return item;
        }

        foreach (var prefix in _prefixes)
        {
            if (prefix.Matches(name))
            {
                return prefix;
            }
        }

        return null;
    }

    /// <summary>
    /// Whether a receipt's page belongs to this site: on one of its declared domains or their subdomains, or on
    /// the host the receipt was posted to (a banner served by the site itself, as in development).
    /// </summary>
    internal bool IsSitePage(Uri page, string requestHost) =>
        page.Host.Equals(requestHost, StringComparison.OrdinalIgnoreCase)
        || Manifest.Site.Domains.Any(d => DomainNames.IsWithin(page.Host, d));

    internal string Policy(PolicyFormat format, string? language, string? logKey = null) => PolicyRenderer.Render(Manifest, format, language, logKey);

    /// <summary>"ClaimCMR" → "claimcmr", "Acme Cloud" → "acme-cloud".</summary>
    internal static string Slug(string name)
    {
        var slug = new string([.. name.ToLowerInvariant().Select(ch => char.IsAsciiLetterOrDigit(ch) ? ch : '-')]).Trim('-');
        return slug.Length == 0 ? "site" : slug;
    }

    /// <summary>A served file: bytes, content type, strong ETag and the SRI hash for <c>integrity</c>.</summary>
    internal sealed record Asset(byte[] Content, string ContentType, string ETag, string Integrity)
    {
        public static Asset Of(byte[] content, string contentType)
        {
            var hash = SHA384.HashData(content);
            return new Asset(content, contentType, "\"" + Convert.ToHexString(hash)[..32].ToLowerInvariant() + "\"", "sha384-" + Convert.ToBase64String(hash));
        }
    }
}
