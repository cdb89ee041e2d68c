using Consentry.Manifests;
using Consentry.Regions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
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
        // Under UseConsentry the request's own Consentry feature keeps the answer (no Items dictionary is made for it);
        // Items holds one set before the enforcement middleware ran, or by LinkConsentAsync.
        var request = RequestOf(context);
        if (request?.Consent is { } known)
        {
            return known;
        }

        // Through the feature, so a request whose Items nobody touched gets no dictionary made just to find it empty.
        if (context.Features.Get<IItemsFeature>()?.Items is { } items && items.TryGetValue(Key, out var cached) && cached is ConsentState state)
        {
            return request is null ? state : request.Consent = state;
        }

        var site = request?.Site ?? (context.RequestServices.GetService<ConsentrySites>()
            ?? throw new InvalidOperationException("Consentry is not configured: call builder.Services.AddConsentry(...) at start-up.")).Resolve(context);
        if (site is null)
        {
            return ConsentState.None;
        }

        state = ConsentFor(context, site);
        Remember(context, request, state);
        return state;
    }

    /// <summary>The request's Consentry feature, set by the enforcement middleware; null before it ran or without it.</summary>
    private static ConsentryTrackingConsentFeature? RequestOf(HttpContext context) =>
        context.Features.Get<ITrackingConsentFeature>() as ConsentryTrackingConsentFeature;

    /// <summary>Keeps <paramref name="state"/> as the request's consent, where <see cref="GetConsent"/> looks first.</summary>
    private static void Remember(HttpContext context, ConsentryTrackingConsentFeature? request, ConsentState state)
    {
        if (request is not null)
        {
            request.Consent = state;
        }
        else
        {
            context.Items[Key] = state;
        }
    }

    /// <summary>
    /// Links the visitor's consent to the signed-in account <paramref name="accountId"/> (the host's own id; stored only as a
    /// keyed hash, <see cref="ConsentryOptions.AccountLinkSecret"/>). Call it on every page load of a signed-in visitor,
    /// before the response starts (e.g. in a middleware after authentication): a browser without a choice gets the account's
    /// latest one (its consent cookie is set on this response, a receipt with method <c>linked</c> records it, and
    /// <see cref="GetConsent"/> answers with it from now on), a choice made on another browser since reaches this one, and
    /// a newer choice made here becomes the account's. A choice for an older revision is not applied: the banner asks again.
    /// </summary>
    /// <returns>What was done, and the visitor's consent after it.</returns>
    /// <exception cref="InvalidOperationException">No site is served for the request, or no secret is configured.</exception>
    public static async Task<ConsentLinkResult> LinkConsentAsync(this HttpContext context, string accountId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var site = context.RequestServices.GetRequiredService<ConsentrySites>().Resolve(context)
            ?? throw new InvalidOperationException($"No Consentry site is served for '{context.Request.Host}', so there is no consent to link.");
        var request = context.Request;
        var result = await context.RequestServices.GetRequiredService<IConsentLinks>().LinkAsync(site, new ConsentLinkRequest
        {
            AccountId = accountId,
            ConsentCookies = site.Manifest.Consent.Cookie is { } name ? [.. ConsentCookieReader.Find(request.Headers.Cookie, name)] : [],
            PageUrl = new Uri(Microsoft.AspNetCore.Http.Extensions.UriHelper.GetEncodedUrl(request)),
            UserAgent = request.Headers.UserAgent,
            Region = context.GetVisitorRegion(),
        }, cancellationToken);
        if (result.SetCookie is { } cookie)
        {
            context.Response.Headers.Append(Microsoft.Net.Http.Headers.HeaderNames.SetCookie, cookie);
            Remember(context, RequestOf(context), ConsentFor(context, site, result.Consent));
        }

        return result;
    }

    /// <summary>
    /// Where the visitor is, from <see cref="ConsentryOptions.RegionHeaders"/> when the request's connection came from
    /// one of <see cref="ConsentryOptions.RegionProxies"/>; null when no headers are configured, the sender is not a
    /// trusted proxy, or the country is missing or malformed.
    /// </summary>
    public static VisitorRegion? GetVisitorRegion(this HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        // A page asks several times (consent, the banner's tags, its configuration): read once under UseConsentry.
        if (RequestOf(context) is { } request)
        {
            return (request.Region ??= new(ReadVisitorRegion(context, request.Options))).Value;
        }

        return ReadVisitorRegion(context, context.RequestServices.GetService<ConsentryOptions>());
    }

    private static VisitorRegion? ReadVisitorRegion(HttpContext context, ConsentryOptions? options)
    {
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
    internal static ConsentState ConsentFor(HttpContext context, ConsentrySite site, ConsentState? choice = null)
    {
        var state = choice ?? (site.Manifest.Consent.Cookie is { } name
            ? ConsentCookieReader.ReadLatest(context.Request.Headers.Cookie, name, site.ConsentCookies)
            : site.ConsentCookies.NoChoice);
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

        return WithoutMarketing(state, site.MarketingServices);
    }

    // Its own method: the lambda's captured set would otherwise be allocated on every call of the one above, refusal or not.
    private static ConsentState WithoutMarketing(ConsentState state, IReadOnlySet<string> marketingServices) => state with
    {
        Categories = new HashSet<string>(state.Categories.Where(c => c != BuiltInCategories.Marketing), StringComparer.Ordinal),
        Services = new HashSet<string>(state.Services.Where(s => !marketingServices.Contains(s)), StringComparer.Ordinal),
    };
}
