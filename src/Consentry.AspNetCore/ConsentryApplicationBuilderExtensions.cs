using Consentry.Ledger.Transparency;
using Consentry.Ledger.Writing;
using Consentry.Policy;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.Net.Http.Headers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Consentry.AspNetCore;

/// <summary>Adds Consentry to the request pipeline.</summary>
public static class ConsentryApplicationBuilderExtensions
{
    /// <summary>
    /// Enforces consent on Set-Cookie (ASP.NET Core's cookie policy middleware with Consentry's per-category
    /// decision), answers <see cref="ITrackingConsentFeature"/> from the visitor's choice, and maps the
    /// banner script, its configuration and the policy under <see cref="ConsentryOptions.PathBase"/>.
    /// Call it before anything that sets cookies.
    /// </summary>
    public static WebApplication UseConsentry(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseConsentryEnforcement();
        app.MapConsentry();
        return app;
    }

    /// <summary>
    /// As <see cref="UseConsentry(WebApplication)"/> for a host configured through <see cref="IApplicationBuilder"/>
    /// (a <c>Startup.Configure</c>, or a branch): enforcement in the host's pipeline, and Consentry's endpoints in
    /// their own branch under <see cref="ConsentryOptions.PathBase"/>, routed there, so the host's routing is untouched.
    /// </summary>
    public static IApplicationBuilder UseConsentry(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (app is WebApplication web)
        {
            return web.UseConsentry();
        }

        var pathBase = app.ApplicationServices.GetRequiredService<ConsentrySite>().PathBase;
        app.UseConsentryEnforcement();
        app.MapWhen(c => c.Request.Path.StartsWithSegments(pathBase), branch =>
        {
            branch.UseRouting();
            branch.UseEndpoints(endpoints => endpoints.MapConsentry());
        });
        return app;
    }

    /// <summary>
    /// Enforcement only, for a host of several sites (<see cref="ConsentryServiceCollectionExtensions.AddConsentrySites"/>):
    /// ASP.NET Core's cookie policy middleware with Consentry's per-category decision, and
    /// <see cref="ITrackingConsentFeature"/> answered from the visitor's choice, for requests of any registered site.
    /// </summary>
    public static IApplicationBuilder UseConsentryEnforcement(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var sites = app.ApplicationServices.GetRequiredService<ConsentrySites>();
        var options = app.ApplicationServices.GetRequiredService<ConsentryOptions>();
        var enforcer = app.ApplicationServices.GetRequiredService<CookieEnforcer>();
        if (IsEmpty(app.ApplicationServices.GetRequiredService<IOptions<CookiePolicyOptions>>().Value))
        {
            // The host set nothing for the cookie policy to apply, so there is nothing to compose with: Consentry's
            // layer alone, in one step (the policy's wrapper would pass every cookie as it came).
            app.Use((context, next) =>
            {
                if (sites.Resolve(context) is { } site)
                {
                    DecideCookies(site, context, enforcer);
                    AnswerConsent(site, context, options);
                }

                return next(context);
            });
            return app;
        }

        app.Use((context, next) =>
        {
            // Under the cookie policy installed next: the host's policy applies to a cookie first, Consentry decides last.
            if (sites.Resolve(context) is { } site)
            {
                DecideCookies(site, context, enforcer);
            }

            return next(context);
        });
        app.UseCookiePolicy();
        app.Use((context, next) =>
        {
            if (sites.Resolve(context) is { } site)
            {
                AnswerConsent(site, context, options);
            }

            return next(context);
        });
        return app;
    }

    /// <summary>Whether the host's cookie policy options ask for nothing: ASP.NET Core's defaults, no callbacks.</summary>
    private static bool IsEmpty(CookiePolicyOptions policy)
    {
        var defaults = new CookiePolicyOptions();
        return policy.CheckConsentNeeded is null && policy.OnAppendCookie is null && policy.OnDeleteCookie is null
            && policy.MinimumSameSitePolicy == defaults.MinimumSameSitePolicy && policy.HttpOnly == defaults.HttpOnly
            && policy.Secure == defaults.Secure;
    }

    private static void DecideCookies(ConsentrySite site, HttpContext context, CookieEnforcer enforcer)
    {
        var cookies = context.Features.Get<IResponseCookiesFeature>() ?? new ResponseCookiesFeature(context.Features);
        context.Features.Set<IResponseCookiesFeature>(new ConsentedResponseCookies(site, context, cookies, enforcer));
    }

    // One object a request: ASP.NET Core's consent view (in place of the cookie policy's), where GetConsent keeps the
    // visitor's choice, and the state of the consent-aware CSP written when the response starts.
    private static void AnswerConsent(ConsentrySite site, HttpContext context, ConsentryOptions options)
    {
        var request = new ConsentryTrackingConsentFeature(site, context, options);
        context.Features.Set<ITrackingConsentFeature>(request);
        ConsentCsp.Apply(request);
    }

    /// <summary>Maps <c>banner.js</c>, <c>banner.css</c>, <c>blocker.js</c>, <c>config.json</c>, <c>policy</c> (HTML, <c>?lang=de</c>), <c>policy.json</c> and <c>POST receipts</c> under the path base.</summary>
    public static IEndpointConventionBuilder MapConsentry(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        return endpoints.MapConsentrySite(endpoints.ServiceProvider.GetRequiredService<ConsentrySite>());
    }

    /// <summary>
    /// Maps one site's <c>banner.js</c>, <c>banner.css</c>, <c>config.json</c>, <c>policy</c>, <c>policy.json</c> and
    /// <c>POST receipts</c> under its <see cref="ConsentrySite.PathBase"/>; the returned group takes further
    /// conventions (e.g. <c>RequireHost</c>).
    /// </summary>
    public static RouteGroupBuilder MapConsentrySite(this IEndpointRouteBuilder endpoints, ConsentrySite site)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(site);
        return MapSiteEndpoints(endpoints.MapGroup(site.PathBase), endpoints.ServiceProvider, _ => site);
    }

    /// <summary>
    /// Maps the endpoints of every site in the host's <see cref="ConsentrySites"/> under
    /// <c>{prefix}/{siteId}/</c>, looked up per request, so sites added or replaced later
    /// (<see cref="ConsentrySites.Set"/>) are served at once. Each site's <see cref="ConsentrySite.PathBase"/> must be
    /// <c>{prefix}/{siteId}</c>. An unknown site id is a 404 with ProblemDetails. Pages on a site's declared domains
    /// (and their subdomains) get CORS access to its endpoints.
    /// </summary>
    public static RouteGroupBuilder MapConsentrySites(this IEndpointRouteBuilder endpoints, string prefix = "/sites")
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentException.ThrowIfNullOrEmpty(prefix);
        var sites = endpoints.ServiceProvider.GetRequiredService<ConsentrySites>();
        var group = endpoints.MapGroup(prefix.TrimEnd('/') + "/{siteId}");
        MapSiteEndpoints(group, endpoints.ServiceProvider, c => sites.Find((string)c.Request.RouteValues["siteId"]!));
        group.AddEndpointFilter((context, next) =>
        {
            // Pages on the site's declared domains (and their subdomains) may read its config and post receipts.
            var c = context.HttpContext;
            if (sites.Find((string)c.Request.RouteValues["siteId"]!) is { } site && ConsentryEndpoints.AllowedOrigin(site, c.Request.Headers.Origin.ToString()) is { } origin)
            {
                c.Response.Headers.AccessControlAllowOrigin = origin;
            }

            c.Response.Headers.Vary = "Origin";
            return next(context);
        });
        group.MapMethods("/{**rest}", ["GET", "POST"], (string siteId) => ConsentryEndpoints.UnknownSite(siteId));
        return group;
    }

    /// <summary>
    /// Serves <paramref name="witness"/> at <paramref name="path"/> (C2SP <c>tlog-witness</c>: <c>POST</c> a request
    /// body of at most 64 KiB, answered 200 with the cosignature line, or 400/403/404/409/422 saying why, one log line each).
    /// </summary>
    public static RouteHandlerBuilder MapConsentryWitness(this IEndpointRouteBuilder endpoints, LogWitness witness, string path = "/add-checkpoint")
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(witness);
        var logger = endpoints.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(LogWitness).FullName!);
        return endpoints.MapPost(path, async (HttpContext c) =>
        {
            var body = await BoundedBody.ReadAsync(c, 64 * 1024, bytes => new System.Text.UTF8Encoding(false, false).GetString(bytes.Span));
            if (!body.Read)
            {
                return body.Aborted ? Results.Empty
                    : TypedResults.Text(body.TooLarge ? "The request is larger than 64 KiB.\n" : body.Detail + "\n", "text/plain", System.Text.Encoding.UTF8, body.Status);
            }

            var answer = await witness.AddCheckpointAsync(body.Value!, c.RequestAborted);
            if (answer.Status != StatusCodes.Status200OK)
            {
                var reason = answer.Body.Trim();
                ConsentryLog.WitnessAnswered(logger, path, answer.Status, reason);
            }

            return TypedResults.Text(answer.Body, answer.ContentType, statusCode: answer.Status);
        });
    }

    private static RouteGroupBuilder MapSiteEndpoints(RouteGroupBuilder group, IServiceProvider services, Func<HttpContext, ConsentrySite?> find)
    {
        group.MapGet("/banner.js", (HttpContext c) => ConsentryEndpoints.For(c, find, s => ConsentryEndpoints.Serve(c, s.Script, "public, max-age=3600")));
        group.MapGet("/blocker.js", (HttpContext c) => ConsentryEndpoints.For(c, find, s => s.Blocker is { } blocker
            ? ConsentryEndpoints.Serve(c, blocker, "no-cache")
            : TypedResults.Problem($"Site '{s.SiteId}' does not block providers, so it has no blocker.js. Fix: set 'consent.blocking: providers' in its cookies.yaml, or remove the script tag.", statusCode: StatusCodes.Status404NotFound, title: "No blocker")));
        group.MapGet("/banner.css", (HttpContext c) => ConsentryEndpoints.For(c, find, s => ConsentryEndpoints.Serve(c, s.Style, "public, max-age=3600")));
        var signing = services.GetRequiredService<LedgerSigning>();
        var regionHeaders = services.GetRequiredService<ConsentryOptions>().RegionHeaders;
        var regionVary = regionHeaders is null ? null : regionHeaders.Subdivision is { } sub ? regionHeaders.Country + ", " + sub : regionHeaders.Country;
        group.MapGet("/config.json", (HttpContext c) => ConsentryEndpoints.For(c, find, s =>
        {
            // Texts only in the languages in use: the site's, English and the visitor's (up to three); the consent model of
            // the visitor's region, so a cache in front must keep one answer per region header too.
            c.Response.Headers.Append(HeaderNames.Vary, HeaderNames.AcceptLanguage);
            if (regionVary is not null)
            {
                c.Response.Headers.Append(HeaderNames.Vary, regionVary);
            }

            return ConsentryEndpoints.Serve(c, ConsentryEndpoints.VisitorConfig(c, s, signing), "no-cache");
        }));
        group.MapGet("/policy", (HttpContext c, string? lang) => ConsentryEndpoints.For(c, find, s => ConsentryEndpoints.Policy(c, s, PolicyFormat.Html, lang)));
        group.MapGet("/policy.json", (HttpContext c, string? lang) => ConsentryEndpoints.For(c, find, s => ConsentryEndpoints.Policy(c, s, PolicyFormat.Json, lang, signing.VerifierKey(s.SiteId))));
        var writer = services.GetRequiredService<ReceiptWriter>();
        group.MapPost("/receipts", (Func<HttpContext, Task<IResult>>)(c => find(c) is { } s ? ReceiptEndpoint.HandleAsync(c, s, writer) : Task.FromResult(ConsentryEndpoints.UnknownSite(c))))
            .AddEndpointFilter(services.GetRequiredService<ReceiptRateLimiter>());
        LogEndpoints.Map(group, services, find);
        var options = services.GetRequiredService<ConsentryOptions>();
        group.MapGet("/csp", (HttpContext c) => ConsentryEndpoints.For(c, find, s =>
        {
            // For sites on any stack: the edge asks with the visitor's cookies and sends the answer as the page's policy.
            c.Response.Headers.CacheControl = "private, no-store";
            return TypedResults.Text(ConsentCsp.Policy(s, HttpContextConsentExtensions.ConsentFor(c, s), options) + $"; report-uri {s.PathBase}{ConsentCsp.ReportsPath}", "text/plain", System.Text.Encoding.UTF8);
        }));
        group.MapPost(ConsentCsp.ReportsPath, (Func<HttpContext, Task<IResult>>)(c => find(c) is { } s ? CspReports.HandleAsync(c, s) : Task.FromResult(ConsentryEndpoints.UnknownSite(c))))
            .AddEndpointFilter(services.GetRequiredService<LogRateLimiter>());
        return group;
    }
}
