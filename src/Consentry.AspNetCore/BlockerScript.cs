using System.Text;
using System.Text.Json;
using Consentry.Domains;
using Consentry.Manifests;

namespace Consentry.AspNetCore;

/// <summary>
/// <c>blocker.js</c> for one site: the bundled blocker with the site's facts in place of its <c>CONSENTRY_BLOCK</c>
/// token (consent cookie name, revision, and the domains of each provider that needs consent).
/// </summary>
internal static class BlockerScript
{
    private const string Token = "CONSENTRY_BLOCK";

    /// <summary>The blocker tag's attribute naming the providers (space-separated) that may load before a choice.</summary>
    internal const string PreAttribute = "data-cy-pre";

    /// <summary>The script, or null when the manifest does not ask for provider blocking.</summary>
    public static ConsentrySite.Asset? For(CookieManifest manifest, IReadOnlyList<string> consentProviders)
    {
        if (manifest.Consent.Blocking != ProviderBlocking.Providers)
        {
            return null;
        }

        var code = Encoding.UTF8.GetString(BannerAssets.Read("blocker.js"));
        var at = code.IndexOf(Token, StringComparison.Ordinal);
        if (at < 0 || code.IndexOf(Token, at + Token.Length, StringComparison.Ordinal) >= 0)
        {
            throw new InvalidOperationException($"The embedded blocker.js must name {Token} exactly once: the bundle of src/banner/src/blocker.ts is not the one this assembly expects.");
        }

        var script = string.Concat(code.AsSpan(0, at), Facts(manifest, consentProviders), code.AsSpan(at + Token.Length));
        return ConsentrySite.Asset.Of(Encoding.UTF8.GetBytes(script), "text/javascript; charset=utf-8");
    }

    /// <summary>
    /// Each consent-needing provider's domains that may be blocked: none that overlaps the site's own or a domain of a
    /// provider that needs no consent (<see cref="BlockingOverlap"/>, the rule the manifest's CN0128 warning states; the
    /// consent-aware CSP admits both too). A provider left with no domain is not listed.
    /// </summary>
    internal static IEnumerable<(string Id, IReadOnlyList<string> Domains)> Blockable(CookieManifest manifest, IReadOnlyList<string> consentProviders)
    {
        foreach (var provider in manifest.Providers.Where(p => consentProviders.Contains(p.Id)))
        {
            IReadOnlyList<string> domains = [.. provider.Domains.Where(d => BlockingOverlap.Of(manifest, d) is null)
                .Select(d => d.Trim().Trim('.').ToLowerInvariant()).Distinct()];
            if (domains.Count > 0)
            {
                yield return (provider.Id, domains);
            }
        }
    }

    private static string Facts(CookieManifest manifest, IReadOnlyList<string> consentProviders)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("c", manifest.Consent.Cookie ?? Consentry.Banner.BannerProtocol.DefaultConsentCookie);
            w.WriteNumber("r", manifest.Revision);
            w.WriteStartArray("p");
            foreach (var (id, domains) in Blockable(manifest, consentProviders))
            {
                w.WriteStartArray();
                w.WriteStringValue(id);
                w.WriteStartArray();
                foreach (var domain in domains)
                {
                    w.WriteStringValue(domain);
                }

                w.WriteEndArray();
                w.WriteEndArray();
            }

            w.WriteEndArray();
            if (manifest.Regions.Count > 0)
            {
                // Where a tag made once for every visitor names no providers before a choice, the blocker asks config.json.
                w.WriteNumber("g", 1);
            }

            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
