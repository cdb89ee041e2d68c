using Consentry.Domains;
using Consentry.Manifests;
using Consentry.Scanner.Catalogue;

namespace Consentry.Scanner.Inspect;

/// <summary>
/// Inspect: matches what each visit saw against the manifest (exact names and prefixes, variants included)
/// and the known-cookie table, and applies the consent and browser rules. Reporters never analyse.
/// </summary>
internal static class Inspector
{
    public static List<Finding> Inspect(IReadOnlyList<VisitResult> visits, CookieManifest? manifest, CookieCatalogue catalogue, Uri start, DateTimeOffset now)
    {
        var findings = new List<Finding>();
        var seenItems = new HashSet<CookieItem>();
        foreach (var visit in visits)
        {
            foreach (var c in visit.Cookies)
            {
                var item = Match(manifest, StorageType.Cookie, c.Name);
                if (item is not null)
                {
                    seenItems.Add(item);
                }

                Consent(findings, manifest, catalogue, item, c.Name, c.Domain, "cookie", visit, c.FirstSeenOn);
                UndeclaredThirdParty(findings, manifest, catalogue, item, c, visit);
                if (item is not null && !c.Transient && (item.Party == Party.Third) != c.ThirdParty)
                {
                    findings.Add(new Finding(FindingSeverity.Info, FindingCodes.PartyDiffers, c.ThirdParty
                        ? $"Cookie '{c.Name}' is declared first-party, but another site ({c.Domain.TrimStart('.')}) sets it: declare it with party: third and its provider."
                        : $"Cookie '{c.Name}' is declared third-party, but it is set on the site's own domain ({c.Domain.TrimStart('.')}): declare it party: first (the provider can stay).", c.Name, visit.Kind, c.FirstSeenOn));
                }
                if (visit.Kind == VisitKind.AcceptAll && !c.Transient)
                {
                    Attributes(findings, c, item, start, now, visit.SetCookies);
                }
            }

            foreach (var line in visit.SetCookies)
            {
                Refused(findings, line, visit.Kind);
            }

            foreach (var s in visit.Storage)
            {
                var item = Match(manifest, s.Type, s.Name);
                if (item is not null)
                {
                    seenItems.Add(item);
                }

                Consent(findings, manifest, catalogue, item, s.Name, s.Host, s.Kind, visit, s.FirstSeenOn);
            }

            if (visit.Kind == VisitKind.Untouched && (manifest?.BannerRequired ?? true))
            {
                // Hosts of providers declared as needing no consent (a CDN, payments) are expected before any choice.
                var hosts = visit.ThirdPartyHosts.Where(h => ProviderOf(manifest, h) is not { } p || NeedsConsent(manifest!, p)).ToList();
                if (hosts.Count > 0)
                {
                    var described = hosts.Select(h => ProviderOf(manifest, h) is { } p ? $"{h} ({p.Name})" : h);
                    findings.Add(new Finding(FindingSeverity.Warning, FindingCodes.RequestsBeforeConsent, $"Requests to other sites before any consent: {string.Join(", ", described)}. Declare hosts that need no consent under their provider's domains, or hold the requests back until consent.", string.Join(", ", hosts), visit.Kind, First(visit.Pages)));
                }
            }

            if (visit.Kind == VisitKind.RejectAll && visit.BannerOperated && manifest is not null)
            {
                foreach (var host in visit.ThirdPartyHosts)
                {
                    if (ProviderOf(manifest, host) is { } p && NeedsConsent(manifest, p))
                    {
                        findings.Add(new Finding(FindingSeverity.Warning, FindingCodes.RequestAfterReject, $"After Reject all the pages still request {host}, a host of {p.Name}, whose declared items all need consent: the request itself shares the visitor's data.", host, visit.Kind, First(visit.Pages)));
                    }
                }
            }

            if (visit.Kind != VisitKind.Untouched && visit.BannerProblem is { } problem)
            {
                // The visit could not make its choice, so what it saw proves nothing about that choice: an error, so CI fails.
                findings.Add(new Finding(FindingSeverity.Error, FindingCodes.BannerNotOperated, $"The {Describe(visit.Kind)} visit found a banner but could not operate it: {problem}. The visit's findings do not reflect the choice.", "banner", visit.Kind, First(visit.Pages)));
            }
            else if (visit.Kind != VisitKind.Untouched && !visit.BannerOperated && (manifest?.BannerRequired ?? true))
            {
                findings.Add(new Finding(FindingSeverity.Warning, FindingCodes.NoBanner, $"No banner could be operated for the {Describe(visit.Kind)} visit: {visit.BannerNote}.", "banner", visit.Kind, First(visit.Pages)));
            }

            foreach (var error in visit.Errors)
            {
                findings.Add(new Finding(FindingSeverity.Warning, FindingCodes.Incomplete, $"Scan incomplete: {error}", "page", visit.Kind, null));
            }
        }

        if (manifest is not null)
        {
            foreach (var item in manifest.AllItems.Where(i => !seenItems.Contains(i)))
            {
                findings.Add(new Finding(FindingSeverity.Info, FindingCodes.NeverSeen, $"Declared {item.Storage} '{item.DisplayName}' was never seen (it may need a sign-in or an action the scanner does not take).", item.DisplayName, null, null));
            }
        }

        // Point each finding at the declaration it concerns, for SARIF and editors. One finding per item (and visit), but
        // every different reason a scan was incomplete.
        findings = [.. findings.Select(f => manifest?.AllItems.FirstOrDefault(i => i.Matches(f.Item) || i.DisplayName == f.Item) is { } declared ? f with { Declaration = declared.Location } : f)];
        return [.. findings.DistinctBy(f => (f.Code, f.Code == FindingCodes.Incomplete ? f.Message : f.Item, f.Code is FindingCodes.Undeclared or FindingCodes.NeverSeen or FindingCodes.CategoryDiffers or FindingCodes.PartyDiffers or FindingCodes.SameSiteNoneInsecure or FindingCodes.PrefixRuleBroken or FindingCodes.Refused ? null : f.Visit)).OrderByDescending(f => f.Severity).ThenBy(f => f.Code, StringComparer.Ordinal)];
    }

    private static CookieItem? Match(CookieManifest? manifest, StorageType type, string name) =>
        manifest?.AllItems.Where(i => i.Storage == type && i.Matches(name)).OrderBy(i => i.Match == NameMatch.Exact ? 0 : 1).ThenByDescending(i => i.Name.Length).FirstOrDefault();

    private static void Consent(List<Finding> findings, CookieManifest? manifest, CookieCatalogue catalogue, CookieItem? item, string name, string? host, string kind, VisitResult visit, string page)
    {
        var known = catalogue.Find(name, host);
        if (item is null)
        {
            // Consentry's own retry queue for receipts is part of the consent record; the revision last seen, of its notice.
            if (kind == "localStorage" && name is Consentry.Banner.BannerProtocol.PendingReceiptsKey or Consentry.Banner.BannerProtocol.SeenRevisionKey)
            {
                return;
            }

            var guess = known is null ? "" : $" It looks like {known.Provider} ({known.Category}, per {known.SourceName}).";
            findings.Add(new Finding(manifest is null ? FindingSeverity.Info : FindingSeverity.Warning, FindingCodes.Undeclared, $"Undeclared {kind} '{name}'.{guess}", name, visit.Kind, page));
        }
        else if (known is not null && known.Category != item.Category && BuiltInCategories.All.Contains(item.Category))
        {
            // Declared free of consent while the catalogue says it tracks: the consent question is at stake. Otherwise a hint.
            var hidesTracking = known.Category is BuiltInCategories.Analytics or BuiltInCategories.Marketing
                && manifest!.FindCategory(item.Category) is { ConsentRequired: false } && item.ConsentExempt == ConsentExemption.None;
            findings.Add(new Finding(hidesTracking ? FindingSeverity.Warning : FindingSeverity.Info, FindingCodes.CategoryDiffers,
                $"{kind} '{name}' is declared '{item.Category}', but {known.SourceName} knows it as {known.Provider} {known.Category}.", name, visit.Kind, page));
        }

        var needsConsent = item is not null ? manifest!.RequiresConsent(item) : known is { Category: BuiltInCategories.Analytics or BuiltInCategories.Marketing };
        if (!needsConsent)
        {
            return;
        }

        if (visit.Kind == VisitKind.Untouched)
        {
            findings.Add(new Finding(FindingSeverity.Error, FindingCodes.BeforeChoice, $"{kind} '{name}' needs consent but was set before any choice.", name, visit.Kind, page));
        }
        else if (visit.Kind == VisitKind.RejectAll && visit.BannerOperated)
        {
            findings.Add(new Finding(FindingSeverity.Error, FindingCodes.AfterReject, $"{kind} '{name}' needs consent but was set after Reject all.", name, visit.Kind, page));
        }
    }

    /// <summary>
    /// A cookie another site set before any choice, that nothing declares (no item, no provider's domain) and the
    /// catalogue does not already condemn (that is SC003's error): another site's cookie before consent usually
    /// tracks, so it is a warning, with or without a manifest.
    /// </summary>
    private static void UndeclaredThirdParty(List<Finding> findings, CookieManifest? manifest, CookieCatalogue catalogue, CookieItem? item, ObservedCookie c, VisitResult visit)
    {
        var host = c.Domain.TrimStart('.');
        if (visit.Kind != VisitKind.Untouched || !c.ThirdParty || c.Transient || item is not null || ProviderOf(manifest, host) is not null
            || catalogue.Find(c.Name, c.Domain) is { Category: BuiltInCategories.Analytics or BuiltInCategories.Marketing })
        {
            return;
        }

        findings.Add(new Finding(FindingSeverity.Warning, FindingCodes.BeforeChoice, $"Cookie '{c.Name}' was set by another site ({host}) before any choice, and nothing declares it or its host: another site's cookie before consent usually tracks. Declare it under its provider (with the provider's domains) if it needs no consent, or hold it back until consent.", c.Name, visit.Kind, c.FirstSeenOn));
    }

    /// <summary>Chromium stores no cookie for longer than this (RFC 6265bis); asking for more is a sign of an outdated setting.</summary>
    private static readonly TimeSpan BrowserCap = BrowserLimits.MaxCookieLifetime;

    private static void Refused(List<Finding> findings, ObservedSetCookie line, VisitKind visit)
    {
        if (line.BlockedReasons.Count == 0)
        {
            return;
        }

        // Refusals that only reflect the scanner's own choices or the visit's consent state are not the site's fault.
        var reasons = line.BlockedReasons.Where(r => r is not ("UserPreferences" or "ThirdPartyPhaseout" or "ThirdPartyBlockedInFirstPartySet")).ToList();
        if (reasons.Contains("SameSiteNoneInsecure"))
        {
            findings.Add(new Finding(FindingSeverity.Error, FindingCodes.SameSiteNoneInsecure, $"Cookie '{line.Name}' is SameSite=None without Secure; Chromium refused it (SameSiteNoneInsecure). Add Secure.", line.Name, visit, line.Url));
        }
        else if (reasons.Contains("InvalidPrefix"))
        {
            findings.Add(new Finding(FindingSeverity.Error, FindingCodes.PrefixRuleBroken, $"Cookie '{line.Name}' breaks its name prefix's rule; Chromium refused it (InvalidPrefix).", line.Name, visit, line.Url));
        }
        else if (reasons.Count > 0)
        {
            findings.Add(new Finding(FindingSeverity.Warning, FindingCodes.Refused, $"Chromium refused cookie '{line.Name}' ({string.Join(", ", reasons)}): the site sets it, but browsers will not keep it. Header: {Shorten(line.Line)}", line.Name, visit, line.Url));
        }
    }

    /// <summary>The declared provider whose domains cover <paramref name="host"/>, if any.</summary>
    private static Provider? ProviderOf(CookieManifest? manifest, string host) =>
        manifest?.Providers.FirstOrDefault(p => p.Domains.Any(d => DomainNames.IsWithin(host, d.TrimStart('.'))));

    /// <summary>A provider needs consent when it has items and all of them need it; one with no items (a CDN) or an essential item does not.</summary>
    private static bool NeedsConsent(CookieManifest manifest, Provider provider)
    {
        var items = manifest.AllItems.Where(i => i.Provider == provider.Id).ToList();
        return items.Count > 0 && items.All(manifest.RequiresConsent);
    }

    private static string Shorten(string s) => s.Length <= 160 ? s : s[..157] + "...";

    private static void Attributes(List<Finding> findings, ObservedCookie c, CookieItem? item, Uri start, DateTimeOffset now, IReadOnlyList<ObservedSetCookie> lines)
    {
        var lifetime = c.ExpiresSeconds is { } e ? DateTimeOffset.FromUnixTimeSeconds((long)e) - now : (TimeSpan?)null;

        // What the site asked for, which may be longer than the 400 days Chromium keeps.
        var requested = lines.Where(l => l.Name == c.Name && l.BlockedReasons.Count == 0 && l.RequestedLifetimeSeconds is not null).Select(l => l.RequestedLifetimeSeconds!.Value).DefaultIfEmpty(-1).Max();
        if (requested >= 0 && (lifetime is null || requested > lifetime.Value.TotalSeconds))
        {
            lifetime = TimeSpan.FromSeconds(requested);
        }

        if (lifetime > BrowserCap + TimeSpan.FromDays(1))
        {
            findings.Add(new Finding(FindingSeverity.Warning, FindingCodes.OverBrowserCap, $"Cookie '{c.Name}' asks to live {lifetime.Value.TotalDays:F0} days, above the 400 days browsers keep a cookie (and above what most authorities accept); set at most 400 days, and declare it.", c.Name, VisitKind.AcceptAll, c.FirstSeenOn));
        }

        if (item?.Duration.Length is { } declared && lifetime > declared + TimeSpan.FromDays(1))
        {
            findings.Add(new Finding(FindingSeverity.Warning, FindingCodes.LongerThanDeclared, $"Cookie '{c.Name}' lives {lifetime.Value.TotalDays:F0} days, longer than the declared {item.Duration}.", c.Name, VisitKind.AcceptAll, c.FirstSeenOn));
        }

        if (item is { Duration.Kind: DurationKind.Session } && lifetime is not null)
        {
            findings.Add(new Finding(FindingSeverity.Warning, FindingCodes.LongerThanDeclared, $"Cookie '{c.Name}' is declared a session cookie but persists {lifetime.Value.TotalDays:F1} days.", c.Name, VisitKind.AcceptAll, c.FirstSeenOn));
        }

        if (start.Scheme == Uri.UriSchemeHttps && !c.Secure && !c.ThirdParty)
        {
            findings.Add(new Finding(FindingSeverity.Warning, FindingCodes.NotSecure, $"Cookie '{c.Name}' is set on an https site without Secure.", c.Name, VisitKind.AcceptAll, c.FirstSeenOn));
        }

        var lower = c.Name.ToLowerInvariant();
        if (!c.HttpOnly && !c.ThirdParty && (lower.Contains("session", StringComparison.Ordinal) || lower.Contains("auth", StringComparison.Ordinal)) && !lower.Contains("consent", StringComparison.Ordinal))
        {
            findings.Add(new Finding(FindingSeverity.Warning, FindingCodes.NotHttpOnly, $"Session or auth cookie '{c.Name}' is readable by scripts (no HttpOnly).", c.Name, VisitKind.AcceptAll, c.FirstSeenOn));
        }

        if (c.SameSite == "None" && !c.Secure)
        {
            findings.Add(new Finding(FindingSeverity.Error, FindingCodes.SameSiteNoneInsecure, $"Cookie '{c.Name}' is SameSite=None without Secure.", c.Name, VisitKind.AcceptAll, c.FirstSeenOn));
        }

        if ((c.Name.StartsWith("__Host-", StringComparison.Ordinal) && (!c.Secure || c.Path != "/" || c.Domain.StartsWith('.'))) || (c.Name.StartsWith("__Secure-", StringComparison.Ordinal) && !c.Secure))
        {
            findings.Add(new Finding(FindingSeverity.Error, FindingCodes.PrefixRuleBroken, $"Cookie '{c.Name}' breaks its name prefix's rule (Secure, and for __Host- Path=/ without Domain).", c.Name, VisitKind.AcceptAll, c.FirstSeenOn));
        }
    }

    private static string? First(IReadOnlyList<string> pages) => pages.Count > 0 ? pages[0] : null;

    private static string Describe(VisitKind kind) => kind == VisitKind.RejectAll ? "Reject all" : "Accept all";
}
