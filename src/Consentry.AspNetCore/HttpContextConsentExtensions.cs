using Consentry.Manifests;
using Consentry.Regions;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Consentry.AspNetCore;

/// <summary>Tells app code what the visitor has granted.</summary>
public static class HttpContextConsentExtensions
{
    private static readonly object Key = new();

    /// <summary>
    /// The visitor's consent for the current manifest revision, read once per request from the consent
    /// cookie. Without a choice only strictly necessary categories are granted. A request with
    /// <c>Sec-GPC: 1</c> never has marketing granted when the manifest honours Global Privacy Control.
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

        state = ConsentFor(context, manifest);
        context.Items[Key] = state;
        return state;
    }

    /// <summary>
    /// Where the visitor is, from <see cref="ConsentryOptions.RegionHeaders"/> when the request's connection came from
    /// one of <see cref="ConsentryOptions.RegionProxies"/>; null when no headers are configured, the sender is not a
    /// trusted proxy, or the country is missing or malformed.
    /// </summary>
    public static VisitorRegion? GetVisitorRegion(this HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var options = context.RequestServices.GetService<ConsentryOptions>();
        if (options?.RegionHeaders is not { } headers)
        {
            return null;
        }

        var peer = context.Features.Get<PeerAddress>()?.Address;
        if (peer is null || !options.RegionProxies.Any(p => p.Contains(peer.IsIPv4MappedToIPv6 ? peer.MapToIPv4() : peer)))
        {
            return null;
        }

        var request = context.Request.Headers;
        return VisitorRegion.FromHeaders(request[headers.Country].ToString(), headers.Subdivision is null ? null : request[headers.Subdivision].ToString());
    }

    /// <summary>The consent model the visitor's region gets under the request's site's manifest (opt-in where the region is unknown).</summary>
    public static ConsentModel GetConsentModel(this HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var site = context.RequestServices.GetService<ConsentrySites>()?.Resolve(context);
        return site?.Manifest.ConsentModelFor(context.GetVisitorRegion()) ?? ConsentModel.OptIn;
    }

    /// <summary>The visitor's consent on <paramref name="manifest"/>'s site, from its consent cookie in the request (and Global Privacy Control).</summary>
    internal static ConsentState ConsentFor(HttpContext context, ConsentrySite manifest)
    {
        var state = ConsentCookieReader.ReadLatest(context.Request.Headers.Cookie, manifest.Manifest.Consent.Cookie, manifest.Revision, manifest.Locked);
        if (manifest.Manifest.Consent.GlobalPrivacyControl == SignalTreatment.Honour && context.Request.Headers["Sec-GPC"] == "1" && state.Categories.Contains(BuiltInCategories.Marketing))
        {
            // Global Privacy Control is an opt-out of sale, sharing and targeted advertising: marketing is refused whatever the cookie says.
            state = state with { Categories = new HashSet<string>(state.Categories.Where(c => c != BuiltInCategories.Marketing), StringComparer.Ordinal) };
        }

        return state;
    }
}
