using System.Globalization;
using System.Text.Json;
using Consentry.Domains;

namespace Consentry.AspNetCore;

/// <summary>
/// Writes the consent cookie as the banner does (<c>store.ts</c>): URL-encoded JSON <c>{"v":1,"id",…,"x"}</c>, <c>Path=/</c>,
/// expiring the manifest's consent lifetime after the choice was made (by the visitor, not when it was applied elsewhere), <c>SameSite=Lax</c>, for <c>consent.domain</c> when
/// the page is on it, <c>Secure</c> on https. Not HttpOnly: the banner reads it.
/// </summary>
internal static class ConsentCookieWriter
{
    public static string SetCookie(ConsentrySite site, Uri page, ConsentState state, string language, DateTimeOffset madeAt)
    {
        var updated = state.UpdatedAt ?? throw new ArgumentException("A written choice has a change time.", nameof(state));
        var json = JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["v"] = 1,
            ["id"] = state.ConsentId,
            ["r"] = state.Revision,
            ["c"] = state.Categories.Order(StringComparer.Ordinal).ToArray(),
            ["s"] = state.Services.Order(StringComparer.Ordinal).ToArray(),
            ["t"] = (state.GivenAt ?? updated).ToUnixTimeMilliseconds(),
            ["u"] = updated.ToUnixTimeMilliseconds(),
            ["m"] = state.Method,
            ["l"] = language,
            ["x"] = state.LeafIndex,
        });
        var expires = madeAt.AddDays(site.Manifest.Consent.CookieDays).ToString("R", CultureInfo.InvariantCulture);
        var domain = site.Manifest.Consent.Domain is { } d && DomainNames.IsWithin(page.Host, d) ? "; Domain=" + d : "";
        var secure = page.Scheme == Uri.UriSchemeHttps ? "; Secure" : "";
        return $"{site.Manifest.Consent.Cookie ?? Consentry.Banner.BannerProtocol.DefaultConsentCookie}={Uri.EscapeDataString(json)}; Path=/; Expires={expires}; SameSite=Lax{domain}{secure}";
    }
}
