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
    /// cookie. Without a choice only strictly necessary categories are granted, except where the manifest's
    /// <c>regions</c> give the visitor's region an opt-out, notice or no-banner model: there every category is
    /// granted until the visitor chooses (<see cref="ConsentState.Model"/> says which model applied). A request with
    /// <c>Sec-GPC: 1</c> never has marketing granted when the manifest honours Global Privacy Control, nor under opt-out.
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
        return site is null ? ConsentModel.OptIn : ModelFor(context, site);
    }

    /// <summary>The consent model of the visitor's region on <paramref name="site"/> (no header read when the manifest has no regions).</summary>
    internal static ConsentModel ModelFor(HttpContext context, ConsentrySite site) =>
        site.Manifest.Regions.Count == 0 ? ConsentModel.OptIn : site.Manifest.ConsentModelFor(context.GetVisitorRegion());

    /// <summary>
    /// The visitor's consent on <paramref name="site"/>'s site, from its consent cookie in the request, the consent model
    /// of their region (outside opt-in, a visitor who has not chosen has every category) and Global Privacy Control (an
    /// opt-out of marketing where the manifest honours it, and always under opt-out).
    /// </summary>
    internal static ConsentState ConsentFor(HttpContext context, ConsentrySite site)
    {
        var state = ConsentCookieReader.ReadLatest(context.Request.Headers.Cookie, site.Manifest.Consent.Cookie, site.Revision, site.Locked);
        var model = ModelFor(context, site);
        if (model != ConsentModel.OptIn)
        {
            state = state.HasChoice ? state with { Model = model } : site.BeforeChoice(model);
        }

        return WithoutGpcRefusals(context, site, state, model);
    }

    /// <summary>
    /// The providers a visitor who has not chosen has under their region's model (none under opt-in), without those
    /// Global Privacy Control refuses: what <c>blocker.js</c> lets load before a choice.
    /// </summary>
    internal static IReadOnlyCollection<string> ServicesBeforeChoice(HttpContext context, ConsentrySite site)
    {
        var model = ModelFor(context, site);
        return model == ConsentModel.OptIn ? [] : WithoutGpcRefusals(context, site, site.BeforeChoice(model), model).Services;
    }

    /// <summary>
    /// Global Privacy Control is an opt-out of sale, sharing and targeted advertising: with <c>Sec-GPC: 1</c>, marketing
    /// (and its providers) is refused whatever the cookie says, where the manifest honours it and always under opt-out.
    /// </summary>
    private static ConsentState WithoutGpcRefusals(HttpContext context, ConsentrySite site, ConsentState state, ConsentModel model)
    {
        if ((site.Manifest.Consent.GlobalPrivacyControl != SignalTreatment.Honour && model != ConsentModel.OptOut)
            || context.Request.Headers["Sec-GPC"] != "1" || !state.Categories.Contains(BuiltInCategories.Marketing))
        {
            return state;
        }

        return state with
        {
            Categories = new HashSet<string>(state.Categories.Where(c => c != BuiltInCategories.Marketing), StringComparer.Ordinal),
            Services = new HashSet<string>(state.Services.Where(s => !site.MarketingServices.Contains(s)), StringComparer.Ordinal),
        };
    }
}
