using System.Reflection;
using Consentry.AspNetCore;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Consentry.Server;

/// <summary>The server's request pipeline and endpoints.</summary>
internal static class ServerPipeline
{
    /// <summary>The admin pages' Content-Security-Policy: no script at all, styles from the server's own stylesheet, inline SVG charts.</summary>
    public const string AdminCsp = "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    public static WebApplication UseConsentryServer(this WebApplication app)
    {
        if (app.Services.GetRequiredService<IOptions<ForwardedHeadersOptions>>().Value.KnownIPNetworks.Count > 0)
        {
            app.UseForwardedHeaders();
        }

        // Errors never show a stack trace: ProblemDetails with the status a bad request deserves (413 for a body over a limit).
        app.UseExceptionHandler(new ExceptionHandlerOptions { StatusCodeSelector = e => e is BadHttpRequestException b ? b.StatusCode : StatusCodes.Status500InternalServerError });
        app.UseStatusCodePages();
        app.Use((context, next) =>
        {
            if (context.Request.Path.StartsWithSegments("/admin"))
            {
                var h = context.Response.Headers;
                h.ContentSecurityPolicy = AdminCsp;
                h.XContentTypeOptions = "nosniff";
                h["Referrer-Policy"] = "no-referrer";
                h.CacheControl = "no-cache, no-store";
                h.Pragma = "no-cache";
            }

            return next(context);
        });
        app.UseRouting();
        var refusals = app.Services.GetRequiredService<Microsoft.Extensions.Logging.ILoggerFactory>().CreateLogger("Consentry.Server.Refusals");
        app.Use((context, next) => Operations.RefusalLog.InvokeAsync(context, () => next(context), refusals));
        app.UseAuthentication();
        app.Use((context, next) =>
        {
            // A session signed in with a one-time password may only choose its own (or sign out).
            if (context.User.HasClaim(c => c.Type == Accounts.Access.MustChangeClaim) && context.Request.Path.StartsWithSegments("/admin")
                && !context.Request.Path.StartsWithSegments("/admin/password") && !context.Request.Path.StartsWithSegments("/admin/logout") && !context.Request.Path.StartsWithSegments("/admin/admin.css"))
            {
                context.Response.Redirect("/admin/password");
                return Task.CompletedTask;
            }

            return next(context);
        });
        app.UseAuthorization();
        app.MapConsentrySites("/sites");
        app.MapRazorPages();
        ConsentryServer.MapApi(app);
        app.MapPrometheusScrapingEndpoint("/metrics");
        app.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/readyz", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready") });
        MapScanReports(app);
        MapPreview(app);
        app.MapGet("/admin/admin.css", () => Results.Stream(Stylesheet(), "text/css; charset=utf-8")).AllowAnonymous();
        app.MapGet("/", () => Results.Redirect("/admin")).ExcludeFromDescription();
        app.MapGet("/admin/sites", () => Results.Redirect("/admin")).ExcludeFromDescription();
        return app;
    }

    private static Stream Stylesheet() =>
        Assembly.GetExecutingAssembly().GetManifestResourceStream("Consentry.Server.admin.css") ?? throw new InvalidOperationException("admin.css is missing from the build.");

    /// <summary>A stored scan's reports, for signed-in accounts: the HTML one (inline styles and screenshots, no script) under a policy of its own.</summary>
    private static void MapScanReports(WebApplication app)
    {
        app.MapGet("/admin/sites/{id}/scans/{scanId}/report.{kind:regex(^(html|json)$)}", async (string id, string scanId, string kind, Scans.ScanHistory history, HttpContext context) =>
        {
            if (await history.ReportAsync(id, scanId, kind, context.RequestAborted) is not { } report)
            {
                return Results.NotFound();
            }

            if (kind == "html")
            {
                context.Response.Headers.ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; sandbox; frame-ancestors 'none'; base-uri 'none'";
                return Results.Text(report, "text/html; charset=utf-8");
            }

            context.Response.Headers.ContentDisposition = $"attachment; filename=\"scan-{id}-{scanId}.json\"";
            return Results.Text(report, "application/json; charset=utf-8");
        }).RequireAuthorization(Accounts.Access.AnyAccount).ExcludeFromDescription();
    }

    /// <summary>
    /// A blank page with the site's banner as its latest revision serves it, on the server's own origin: what a visitor
    /// sees (the banner, or the notice of a material change to a returning visitor), without the site itself.
    /// </summary>
    private static void MapPreview(WebApplication app)
    {
        app.MapGet("/sites/{id}/preview", (string id, HttpContext context, Sites.SiteCatalog catalog) =>
        {
            if (catalog.View(id, $"{context.Request.Scheme}://{context.Request.Host}") is not { } site)
            {
                return Results.NotFound();
            }

            var name = System.Net.WebUtility.HtmlEncode(site.Name);
            context.Response.Headers.ContentSecurityPolicy = "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";
            context.Response.Headers.CacheControl = "no-store";
            return Results.Content($"<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{name}: banner preview</title></head><body><main><h1>{name}</h1>" +
                $"<p>A blank page with the site's banner, revision {site.Revision}: what a visitor sees. Come back after a material revision to see what a returning visitor is told.</p></main>{site.ScriptTag}</body></html>", "text/html; charset=utf-8");
        }).ExcludeFromDescription();
    }
}
