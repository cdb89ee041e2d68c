using System.Text;
using System.Text.Json;
using Consentry.Manifests;

namespace Consentry.AspNetCore;

/// <summary>
/// <c>blocker.js</c> for one site: the bundled blocker with the site's facts in place of its <c>CONSENTRY_BLOCK</c>
/// token (consent cookie name, revision, and the domains of each provider that needs consent).
/// </summary>
internal static class BlockerScript
{
    private const string Token = "CONSENTRY_BLOCK";

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

    private static string Facts(CookieManifest manifest, IReadOnlyList<string> consentProviders)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("c", manifest.Consent.Cookie ?? Consentry.Banner.BannerProtocol.DefaultConsentCookie);
            w.WriteNumber("r", manifest.Revision);
            w.WriteStartArray("p");
            foreach (var provider in manifest.Providers.Where(p => consentProviders.Contains(p.Id) && p.Domains.Count > 0))
            {
                w.WriteStartArray();
                w.WriteStringValue(provider.Id);
                w.WriteStartArray();
                foreach (var domain in provider.Domains)
                {
                    w.WriteStringValue(domain.Trim('.').ToLowerInvariant());
                }

                w.WriteEndArray();
                w.WriteEndArray();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
