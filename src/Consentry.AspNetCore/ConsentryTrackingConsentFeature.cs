using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Consentry.AspNetCore;

/// <summary>
/// ASP.NET Core's yes/no consent view (<see cref="ITrackingConsentFeature"/>) answered from Consentry's
/// per-category consent: consent is "given" when any category that needs consent is granted.
/// Granting and withdrawing happen in the banner, not through this feature. The consent cookie is read
/// only when someone asks (and then once per request, by GetConsent, which keeps the answer here).
/// </summary>
internal sealed class ConsentryTrackingConsentFeature(ConsentrySite site, HttpContext context, ConsentryOptions options) : ITrackingConsentFeature
{
    /// <summary>The request's site.</summary>
    public ConsentrySite Site => site;

    /// <summary>The request.</summary>
    public HttpContext Context => context;

    /// <summary>The host's Consentry options.</summary>
    public ConsentryOptions Options => options;

    /// <summary>The visitor's consent once <see cref="HttpContextConsentExtensions.GetConsent"/> has read it for this request.</summary>
    public ConsentState? Consent { get; set; }

    /// <summary>The visitor's region once <see cref="HttpContextConsentExtensions.GetVisitorRegion"/> has read it (its value may be null).</summary>
    public StrongBox<Consentry.Regions.VisitorRegion?>? Region { get; set; }

    public bool IsConsentNeeded => site.BannerRequired;

    public bool HasConsent => context.GetConsent().Categories.Any(c => !site.Locked.Contains(c));

    public bool CanTrack => !IsConsentNeeded || HasConsent;

    public string CreateConsentCookie() =>
        throw new NotSupportedException("Consentry's banner writes the consent cookie; call consentry.accept() in the browser instead.");

    public void GrantConsent() =>
        throw new NotSupportedException("Consentry's banner records consent; call consentry.accept() in the browser instead.");

    public void WithdrawConsent() =>
        throw new NotSupportedException("Consentry's banner records withdrawal; visitors use the \"Cookie settings\" link.");
}
