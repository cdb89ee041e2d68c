using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Consentry.AspNetCore;

/// <summary>Tells app code what the visitor has granted.</summary>
public static class HttpContextConsentExtensions
{
    private static readonly object Key = new();

    /// <summary>
    /// The visitor's consent for the current manifest revision, read once per request from the consent
    /// cookie. Without a choice only strictly necessary categories are granted.
    /// </summary>
    /// <exception cref="InvalidOperationException"><c>AddConsentry</c> was not called.</exception>
    public static ConsentState GetConsent(this HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Items.TryGetValue(Key, out var cached) && cached is ConsentState state)
        {
            return state;
        }

        var sites = context.RequestServices.GetService<ConsentrySites>()
            ?? throw new InvalidOperationException("Consentry is not configured: call builder.Services.AddConsentry(...) at start-up.");
        var manifest = sites.Resolve(context);
        if (manifest is null)
        {
            return ConsentState.None;
        }

        var cookieName = manifest.Manifest.Consent.Cookie;
        state = ConsentCookieReader.Read(cookieName is null ? null : context.Request.Cookies[cookieName], manifest.Manifest.Revision, manifest.Locked);
        context.Items[Key] = state;
        return state;
    }
}
