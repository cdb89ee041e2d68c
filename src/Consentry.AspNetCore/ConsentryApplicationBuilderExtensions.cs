using Consentry.Policy;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

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
        var manifest = app.Services.GetRequiredService<ConsentryManifest>();
        app.UseCookiePolicy();
        app.Use((context, next) =>
        {
            context.Features.Set<ITrackingConsentFeature>(new ConsentryTrackingConsentFeature(manifest, context.GetConsent()));
            return next(context);
        });
        app.MapConsentry();
        return app;
    }

    /// <summary>Maps <c>banner.js</c>, <c>banner.css</c>, <c>config.json</c>, <c>policy</c> (HTML, <c>?lang=de</c>) and <c>policy.json</c> under the path base.</summary>
    public static IEndpointConventionBuilder MapConsentry(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var manifest = endpoints.ServiceProvider.GetRequiredService<ConsentryManifest>();
        var group = endpoints.MapGroup(manifest.PathBase);
        group.MapGet("/banner.js", (HttpContext c) => ConsentryEndpoints.Serve(c, manifest.Script, "public, max-age=3600"));
        group.MapGet("/banner.css", (HttpContext c) => ConsentryEndpoints.Serve(c, manifest.Style, "public, max-age=3600"));
        group.MapGet("/config.json", (HttpContext c) => ConsentryEndpoints.Serve(c, manifest.Config, "no-cache"));
        group.MapGet("/policy", (HttpContext c, string? lang) => ConsentryEndpoints.Policy(c, manifest, PolicyFormat.Html, lang));
        group.MapGet("/policy.json", (HttpContext c, string? lang) => ConsentryEndpoints.Policy(c, manifest, PolicyFormat.Json, lang));
        return group;
    }
}
