using System.Text.RegularExpressions;
using Consentry.Classification;
using Consentry.Diagnostics;
using Consentry.Manifests;

namespace Consentry.Validation;

/// <summary>The rules a well-formed manifest must also meet: consistency, browser cookie rules and consent rules.</summary>
internal static partial class ManifestValidator
{
    /// <summary>Browsers cap cookie lifetimes at 400 days (RFC 6265bis).</summary>
    public static readonly TimeSpan BrowserCap = BrowserLimits.MaxCookieLifetime;

    /// <summary>CNIL: keep a consent choice at most 13 months.</summary>
    public static readonly TimeSpan ConsentCap = TimeSpan.FromDays(395);

    public static IEnumerable<Diagnostic> Validate(CookieManifest m)
    {
        var seen = new Dictionary<(StorageType, string, NameMatch), CookieItem>();
        foreach (var item in m.AllItems)
        {
            if (item.Name.Length == 0)
            {
                continue;
            }

            var label = item.VariantOf is null ? $"'{item.DisplayName}'" : $"'{item.DisplayName}' (variant of '{item.VariantOf}')";
            var key = (item.Storage, item.Name, item.Match);
            if (seen.TryGetValue(key, out var first))
            {
                yield return Error(DiagnosticCodes.DuplicateItem, item.LocationOf("name"), $"Item {label} ({StorageName(item.Storage)}) is declared twice; the first is at line {first.Location.Line}.",
                    "Keep one declaration; for another environment's name use 'variants:'.");
            }
            else
            {
                seen[key] = item;
            }

            foreach (var d in CheckItem(m, item, label))
            {
                yield return d;
            }
        }

        foreach (var d in CheckConsent(m).Concat(RegionValidator.Validate(m)))
        {
            yield return d;
        }

        foreach (var t in m.ThirdParties.Where(t => m.FindProvider(t.Provider) is null))
        {
            yield return Error(DiagnosticCodes.UnknownProvider, t.Location, $"Third party '{t.Provider}' is not declared under 'providers'.", $"Add '{t.Provider}:' with 'name:' and 'privacy_policy:' under 'providers:'.");
        }

        if (m.History.Count == 0 || m.Revision == 0)
        {
            yield return Error(DiagnosticCodes.HistoryMissing, SourceLocation.StartOf(m.Path), "The manifest has no material entry in 'history', so the policy has no revision and no 'Last updated' date.",
                "Add 'history:' with '- date: YYYY-MM-DD' and 'summary: First published.'.");
        }
    }

    private static IEnumerable<Diagnostic> CheckItem(CookieManifest m, CookieItem item, string label)
    {
        var category = m.FindCategory(item.Category);
        if (category is null && item.Category.Length > 0)
        {
            var ids = m.Categories.Select(c => c.Id).ToArray();
            yield return Error(DiagnosticCodes.UnknownCategory, item.LocationOf("category"), $"Item {label} has unknown category '{item.Category}'.",
                Manifests.Parsing.Suggest.Hint(item.Category, ids) + " Or declare it under 'categories:' with a label and description.");
        }

        var essential = category is { ConsentRequired: false };
        if (item.Purpose is null)
        {
            if (essential)
            {
                yield return Warning(DiagnosticCodes.NecessaryWithoutPurpose, item.Location, $"Strictly necessary item {label} has no purpose; the policy will show an empty cell.", "Add 'purpose:' in words a visitor understands.");
            }
            else if (category is not null)
            {
                yield return Error(DiagnosticCodes.MissingPurpose, item.Location, $"Item {label} in category '{item.Category}' has no purpose; consent to it cannot be informed.", "Add 'purpose:' saying what it is used for, e.g. 'purpose: Product usage analytics'.");
            }
        }

        if (item.Provider is not null && m.FindProvider(item.Provider) is null)
        {
            yield return Error(DiagnosticCodes.UnknownProvider, item.LocationOf("provider"), $"Item {label} names provider '{item.Provider}', which is not declared under 'providers'.",
                $"Add '{item.Provider}:' with 'name:' and 'privacy_policy:' under 'providers:'" + (m.Providers.Count > 0 ? $", or use one of: {string.Join(", ", m.Providers.Select(p => p.Id))}." : "."));
        }

        if (item.ConsentExempt != ConsentExemption.None && essential)
        {
            yield return Warning(DiagnosticCodes.ExemptionMisused, item.LocationOf("consent_exempt"), $"Item {label} is strictly necessary already; 'consent_exempt' changes nothing.", "Remove 'consent_exempt'.");
        }

        if (item.ConsentExempt == ConsentExemption.AudienceMeasurement && (item.Category != BuiltInCategories.Analytics || item.Party != Party.First))
        {
            yield return Error(DiagnosticCodes.ExemptionMisused, item.LocationOf("consent_exempt"), $"Item {label} claims the audience-measurement exemption, which only covers first-party analytics.",
                "Remove 'consent_exempt', or use it only on first-party items in category 'analytics'.");
        }

        if (essential && item.ConsentExempt == ConsentExemption.None && KnownCookies.Find(item.Name) is { } known && known.Category is BuiltInCategories.Analytics or BuiltInCategories.Marketing)
        {
            yield return Warning(DiagnosticCodes.NonEssentialMarkedNecessary, item.LocationOf("category"), $"Item {label} looks like {known.Provider} ({known.Category}) but is classed as strictly necessary; regulators treat that as invalid consent.",
                $"Move it to category '{known.Category}' unless it truly is strictly necessary.");
        }

        if (item.Storage != StorageType.Cookie)
        {
            if (!item.Attributes.IsEmpty && item.VariantOf is null)
            {
                yield return Warning(DiagnosticCodes.AttributesOnStorage, item.LocationOf("attributes"), $"Item {label} is {StorageName(item.Storage)}, which has no cookie attributes; 'attributes' is ignored.", "Remove 'attributes', or set 'type: cookie' if it is a cookie.");
            }

            yield break;
        }

        foreach (var d in CheckCookie(item, label))
        {
            yield return d;
        }
    }

    private static IEnumerable<Diagnostic> CheckCookie(CookieItem item, string label)
    {
        var a = item.Attributes;
        if (!CookieNamePattern().IsMatch(item.Name))
        {
            yield return Error(DiagnosticCodes.InvalidCookieName, item.LocationOf("name"), $"Cookie name {label} has characters browsers refuse (space, quotes, ',', ';', '=', '\\' or control characters).", "Rename the cookie to letters, digits and - _ . ! # $ % & ' * + ^ ` | ~.");
        }

        if (item.Name.StartsWith("__Host-", StringComparison.OrdinalIgnoreCase))
        {
            if (a.Domain is not null)
            {
                yield return Error(DiagnosticCodes.HostPrefix, item.LocationOf("attributes.domain"), $"Cookie {label} has the __Host- prefix but sets Domain '{a.Domain}'; browsers reject it.", "Remove 'domain' (a __Host- cookie is bound to the exact host).");
            }

            if (a.Secure != true)
            {
                yield return Error(DiagnosticCodes.HostPrefix, item.LocationOf("attributes.secure"), $"Cookie {label} has the __Host- prefix but is not declared Secure; browsers reject it.", "Add 'secure: true' under 'attributes'.");
            }

            if (a.Path != "/")
            {
                yield return Error(DiagnosticCodes.HostPrefix, item.LocationOf("attributes.path"), $"Cookie {label} has the __Host- prefix but its path is {(a.Path is null ? "not declared" : $"'{a.Path}'")}; it must be '/'.", "Add 'path: /' under 'attributes'.");
            }
        }
        else if (item.Name.StartsWith("__Secure-", StringComparison.OrdinalIgnoreCase) && a.Secure != true)
        {
            yield return Error(DiagnosticCodes.SecurePrefix, item.LocationOf("attributes.secure"), $"Cookie {label} has the __Secure- prefix but is not declared Secure; browsers reject it.", "Add 'secure: true' under 'attributes'.");
        }

        if (a.SameSite == SameSitePolicy.None && a.Secure != true)
        {
            yield return Error(DiagnosticCodes.SameSiteNoneWithoutSecure, item.LocationOf("attributes.same_site"), $"Cookie {label} is SameSite=None without Secure; browsers reject it.", "Add 'secure: true', or use 'same_site: lax'.");
        }

        if (a.Partitioned == true && a.Secure != true)
        {
            yield return Error(DiagnosticCodes.PartitionedWithoutSecure, item.LocationOf("attributes.partitioned"), $"Cookie {label} is Partitioned without Secure; browsers reject it.", "Add 'secure: true' under 'attributes'.");
        }

        if (item.Duration.Length > BrowserCap)
        {
            yield return Warning(DiagnosticCodes.LifetimeOverBrowserCap, item.LocationOf("duration"), $"Cookie {label} is declared to live {item.Duration}, but browsers keep cookies at most 400 days.", "Declare 400d or less, e.g. '1y' or '13mo'.");
        }
    }

    private static IEnumerable<Diagnostic> CheckConsent(CookieManifest m)
    {
        var c = m.Consent;
        var at = c.CookieLocation ?? c.Location ?? SourceLocation.StartOf(m.Path);
        if (c.Cookie is null || !m.BannerRequired)
        {
            // Without a banner the consent cookie is never set, so the policy need not list it.
            // Items with an unknown category already have their own error; they must not also claim a consent cookie.
            var first = m.Items.FirstOrDefault(i => m.FindCategory(i.Category) is not null && m.RequiresConsent(i));
            if (c.Cookie is null && first is not null)
            {
                yield return Error(DiagnosticCodes.ConsentCookieMissing, c.Location ?? first.Location, $"Item '{first.DisplayName}' needs consent, but 'consent.cookie' names no cookie to remember the visitor's choice.",
                    "Add 'consent:' with 'cookie: <name>' and declare that cookie as a necessary item.");
            }
        }
        else
        {
            var declared = m.AllItems.FirstOrDefault(i => i.Storage == StorageType.Cookie && i.Matches(c.Cookie));
            if (declared is null)
            {
                yield return Error(DiagnosticCodes.ConsentCookieNotDeclared, at, $"The consent cookie '{c.Cookie}' is not declared under 'items'; the policy must list it.",
                    $"Add an item 'name: {c.Cookie}' with 'category: necessary', a purpose and 'duration: {c.Lifetime}'.");
            }
            else
            {
                if (m.FindCategory(declared.Category) is { ConsentRequired: true })
                {
                    yield return Error(DiagnosticCodes.ConsentCookieCategory, declared.LocationOf("category"), $"The consent cookie '{c.Cookie}' is in category '{declared.Category}', which needs consent: it could never record a refusal.", "Set 'category: necessary' on it.");
                }

                if (c.LifetimeLocation is not null && declared.Duration != c.Lifetime)
                {
                    yield return Warning(DiagnosticCodes.ConsentLifetimeMismatch, declared.LocationOf("duration"), $"The consent cookie '{c.Cookie}' is declared to live {declared.Duration}, but 'consent.lifetime' is {c.Lifetime}.", "Make the two agree.");
                }
            }
        }

        if (c.Lifetime.Length > ConsentCap || c.Lifetime.Kind == DurationKind.UntilCleared)
        {
            yield return Warning(DiagnosticCodes.ConsentLifetimeTooLong, c.LifetimeLocation ?? at, $"Consent is kept {c.Lifetime}; CNIL asks for at most 13 months (and recommends asking again after about 6).", "Set 'lifetime: 6mo' (up to '13mo').");
        }

        if (c.GlobalPrivacyControl == SignalTreatment.Ignore)
        {
            yield return Warning(DiagnosticCodes.GpcIgnored, c.Location ?? at, "Global Privacy Control is set to 'ignore', but it is a legally valid opt-out of sale, sharing and targeted advertising in California, Colorado and about a dozen other US states.",
                "Set 'global_privacy_control: honour' unless the site has no visitors in those states.");
        }

        foreach (var d in CheckConsentDomain(m, Domains.PublicSuffixList.Installed))
        {
            yield return d;
        }

        if (c.Blocking == ProviderBlocking.Providers)
        {
            foreach (var p in m.ProvidersNeedingConsent.Where(p => p.Domains.Count == 0))
            {
                yield return Warning(DiagnosticCodes.BlockingWithoutDomains, p.Location, $"Provider '{p.Id}' needs consent, but declares no 'domains', so 'blocking: providers' cannot hold its requests back.",
                    "Add 'domains: [...]' with the hosts its scripts, pixels and requests go to (e.g. the scanner's report lists them).");
            }

            foreach (var d in CheckBlockingOverlap(m))
            {
                yield return d;
            }
        }
    }

    /// <summary>
    /// With <c>blocking: providers</c>: a consent-needing provider's domain that is the site's own (or a parent of one),
    /// or that overlaps a consent-free provider's, is not held by the blocker (nor refused by the consent-aware CSP).
    /// </summary>
    private static IEnumerable<Diagnostic> CheckBlockingOverlap(CookieManifest m)
    {
        foreach (var p in m.ProvidersNeedingConsent)
        {
            foreach (var domain in p.Domains.Select(d => d.Trim('.')))
            {
                if (BlockingOverlap.Of(m, domain) is { } overlap)
                {
                    var why = overlap.ProviderId is null ? $"the site's own domain '{overlap.Domain}'" : $"'{overlap.Domain}' of provider '{overlap.ProviderId}', which needs no consent";
                    yield return Warning(DiagnosticCodes.BlockingDomainOverlap, p.Location, $"Provider '{p.Id}' needs consent, but its domain '{domain}' overlaps {why}: the blocker does not hold requests there (it would block what needs no consent).",
                        "Declare only the provider's own hosts (e.g. its script and collection hosts) under its 'domains'.");
                }
            }
        }
    }

    /// <summary><c>consent.domain</c>: a host name that is not a public suffix, and one of the site's domains or a parent of one.</summary>
    internal static IEnumerable<Diagnostic> CheckConsentDomain(CookieManifest m, Domains.PublicSuffixList? list)
    {
        if (m.Consent.Domain is not { } domain)
        {
            yield break;
        }

        var at = m.Consent.DomainLocation ?? m.Consent.Location ?? SourceLocation.StartOf(m.Path);
        var example = m.Site.Domains.Count > 0 ? (list?.RegistrableDomain(m.Site.Domains[0]) ?? m.Site.Domains[0]) : "example.com";
        if (Uri.CheckHostName(domain) != UriHostNameType.Dns || !domain.Contains('.', StringComparison.Ordinal))
        {
            yield return Error(DiagnosticCodes.ConsentDomainInvalid, at, $"'consent.domain' is '{domain}', which is not a domain a cookie can be set for (a host name with at least two labels, not an IP address).",
                $"Set it to the domain your site's hosts share, e.g. 'domain: {example}', or remove it to keep the cookie on each host.");
            yield break;
        }

        if (list is null)
        {
            yield return Warning(DiagnosticCodes.PublicSuffixListMissing, at, $"'consent.domain' ({domain}) cannot be checked against the Public Suffix List: it is not installed at {Domains.PublicSuffixList.SystemPath}.",
                "Install it (apt-get install publicsuffix) and validate again.");
        }
        else if (list.IsPublicSuffix(domain))
        {
            yield return Error(DiagnosticCodes.ConsentDomainInvalid, at, $"'consent.domain' is '{domain}', a public suffix (publicsuffix.org): browsers refuse a cookie for it, since every site under it would share it.",
                $"Use the registrable domain your site owns, e.g. 'domain: {example}'.");
            yield break;
        }

        if (!m.Site.Domains.Any(d => Domains.DomainNames.IsWithin(d, domain)))
        {
            yield return Error(DiagnosticCodes.ConsentDomainNotSite, at, $"'consent.domain' is '{domain}', which covers none of site.domains ({(m.Site.Domains.Count == 0 ? "none declared" : string.Join(", ", m.Site.Domains))}): the banner could never set the consent cookie there.",
                $"Set it to one of the site's domains or a parent of one, e.g. 'domain: {example}', or add the site's hosts to 'site.domains'.");
        }
    }

    internal static string StorageName(StorageType t) => StorageTypes.Name(t);

    private static Diagnostic Error(string code, SourceLocation at, string message, string fix) => new(Severity.Error, code, message, fix, at);

    private static Diagnostic Warning(string code, SourceLocation at, string message, string fix) => new(Severity.Warning, code, message, fix, at);

    [GeneratedRegex(@"^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$")]
    private static partial Regex CookieNamePattern();
}
