using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace Consentry.AspNetCore;

/// <summary>
/// The consent-aware Content-Security-Policy of an HTML response: <c>script-src</c>, <c>connect-src</c>,
/// <c>frame-src</c> and <c>img-src</c> admit the page's own origin, the site's domains, the sources the host always
/// allows (<see cref="ConsentryOptions.ConsentCspAllow"/>) and the domains of the providers the visitor may be
/// reached by: those they granted, and those whose items need no consent. Every other third party, undeclared
/// ones included, is blocked by the browser itself, and reported to <c>{PathBase}/csp-reports</c>. It is added
/// as a policy of its own beside any the host sets (a browser enforces every policy), never in place of one.
/// </summary>
internal static class ConsentCsp
{
    public const string ReportsPath = "/csp-reports";

    /// <summary>Adds the policy to the response of <paramref name="request"/> when it turns out to be HTML.</summary>
    public static void Apply(ConsentryTrackingConsentFeature request)
    {
        if (request.Options.ConsentCsp != ConsentCspMode.Off)
        {
            request.Context.Response.OnStarting(Write, request);
        }
    }

    // Made once: a request registers its own state object, nothing else is allocated for it.
    private static readonly Func<object, Task> Write = state =>
    {
        var request = (ConsentryTrackingConsentFeature)state;
        var context = request.Context;
        var response = context.Response;
        if (response.ContentType?.StartsWith("text/html", StringComparison.OrdinalIgnoreCase) == true)
        {
            response.Headers.Append(request.Options.ConsentCsp == ConsentCspMode.Enforce ? HeaderNames.ContentSecurityPolicy : HeaderNames.ContentSecurityPolicyReportOnly,
                Header(request.Site, request.Consent ?? context.GetConsent(), request.Options, context.Request.PathBase));
        }

        return Task.CompletedTask;
    };

    /// <summary>
    /// The whole header value: the policy and where violations are reported (one string per site, set of granted
    /// consent-needing providers and path base, built once). report-uri, not report-to: a browser that sees report-to
    /// ignores report-uri, and headless Chromium was measured never to deliver Reporting API reports within minutes;
    /// report-uri posts at once, everywhere.
    /// </summary>
    internal static string Header(ConsentrySite site, ConsentState consent, ConsentryOptions options, PathString pathBase)
    {
        // Looked up before anything is built: a lambda capturing the arguments would be allocated on every request.
        var granted = Key(site, consent);
        var path = pathBase.Value ?? "";
        if (!site.ConsentCspHeaders.TryGetValue(path, out var headers))
        {
            headers = site.ConsentCspHeaders.GetOrAdd(path, _ => new(StringComparer.Ordinal));
        }

        return headers.TryGetValue(granted, out var known) ? known
            : headers.GetOrAdd(granted, Policy(site, consent, options) + $"; report-uri {path}{site.PathBase}{ReportsPath}");
    }

    /// <summary>The policy for a visitor whose choice is <paramref name="consent"/> (one string per site and set of granted services, built once).</summary>
    public static string Policy(ConsentrySite site, ConsentState consent, ConsentryOptions options)
    {
        var key = Key(site, consent);
        return site.ConsentCspPolicies.TryGetValue(key, out var known) ? known : site.ConsentCspPolicies.GetOrAdd(key, Build(site, consent, options));
    }

    private static string Build(ConsentrySite site, ConsentState consent, ConsentryOptions options)
    {
        var sources = string.Concat(Allowed(site, consent, options).Select(s => " " + s));
        return $"script-src 'self' 'unsafe-inline'{sources}; connect-src 'self'{sources}; frame-src 'self'{sources}; img-src 'self' data:{sources}";
    }

    /// <summary>Which of the site's consent-needing providers the visitor granted, in the manifest's order: all the policy depends on.</summary>
    private static string Key(ConsentrySite site, ConsentState consent)
    {
        var providers = site.ConsentProviders;
        Span<char> bits = providers.Count <= 256 ? stackalloc char[providers.Count] : new char[providers.Count];
        for (var i = 0; i < providers.Count; i++)
        {
            bits[i] = consent.Services.Contains(providers[i]) ? '1' : '0';
        }

        return site.InternCspKey(bits);
    }

    private static IEnumerable<string> Allowed(ConsentrySite site, ConsentState consent, ConsentryOptions options)
    {
        var manifest = site.Manifest;
        var domains = manifest.Site.Domains.ToList();
        foreach (var provider in manifest.Providers)
        {
            if (!site.ConsentProviders.Contains(provider.Id) || consent.Services.Contains(provider.Id))
            {
                domains.AddRange(provider.Domains);
            }
        }

        // Any port of a declared host (a host-source without one means only the scheme's default port), and its
        // subdomains, which an IP address has none of; a wildcard entry ('*.example.com') is already a host-source for them.
        return domains.Distinct(StringComparer.OrdinalIgnoreCase)
            .SelectMany(d => IsIpAddress(d) || Consentry.Domains.DomainNames.IsWildcard(d) ? [d + ":*"] : new[] { d + ":*", "*." + d + ":*" })
            .Distinct(StringComparer.OrdinalIgnoreCase).Concat(options.ConsentCspAllow);
    }

    private static bool IsIpAddress(string host) => System.Net.IPAddress.TryParse(host, out var address) && address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork;
}
