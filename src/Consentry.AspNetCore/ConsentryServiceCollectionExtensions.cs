using System.Threading.RateLimiting;
using Consentry.Ledger.Stores;
using Consentry.Ledger.Writing;
using Consentry.Manifests;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Consentry.AspNetCore;

/// <summary>Registers Consentry.</summary>
public static class ConsentryServiceCollectionExtensions
{
    /// <summary>
    /// Adds Consentry: loads and validates the manifest (an invalid manifest stops start-up with every
    /// error listed), and configures ASP.NET Core's cookie policy to drop cookies of categories the
    /// visitor has not granted. Pair with <see cref="ConsentryApplicationBuilderExtensions.UseConsentry"/>.
    /// </summary>
    public static IServiceCollection AddConsentry(this IServiceCollection services, Action<ConsentryOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<ConsentryOptions>().Configure(configure)
            .Validate(o => o.Manifest is not null || !string.IsNullOrWhiteSpace(o.ManifestPath), "Consentry needs a manifest: set ConsentryOptions.ManifestPath (cookies.yaml) or ConsentryOptions.Manifest.")
            .Validate(o => o.PathBase.HasValue, "ConsentryOptions.PathBase must be a path such as /consentry.")
            .ValidateOnStart();
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<ConsentryOptions>>().Value;
            var manifest = options.Manifest ?? ManifestLoader.Load(options.ManifestPath!).GetValidManifest();
            var logger = sp.GetRequiredService<ILogger<ConsentryManifest>>();
            if (logger.IsEnabled(LogLevel.Information))
            {
                var itemCount = manifest.AllItems.Count();
                var banner = manifest.BannerRequired ? "required" : "not needed";
                ConsentryLog.ManifestLoaded(logger, manifest.Path, manifest.Revision, itemCount, banner);
            }

            return new ConsentryManifest(manifest, options.PathBase.Value!, options.SiteId);
        });
        services.AddSingleton(sp => ConsentrySites.Single(sp.GetRequiredService<ConsentryManifest>()));
        return services.AddConsentryCore();
    }

    /// <summary>What every Consentry host shares: options, the enforcer and the cookie policy set-up. Needs a <see cref="ConsentrySites"/>.</summary>
    internal const string ReceiptRateLimit = "consentry-receipts";

    internal static IServiceCollection AddConsentryCore(this IServiceCollection services)
    {
        services.AddOptions<ConsentryOptions>();
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<ConsentryOptions>>().Value);
        services.AddSingleton<CookieEnforcer>();
        services.AddSingleton<LedgerHealthLog>();
        services.AddSingleton<IReceiptStore>(sp =>
        {
            var options = sp.GetRequiredService<ConsentryOptions>();
            return options.LedgerConnectionString is { Length: > 0 } postgres
                ? new PostgresReceiptStore(postgres)
                : new SqliteReceiptStore(options.LedgerPath ?? LedgerPaths.DefaultDatabase());
        });
        services.AddSingleton(sp => new ReceiptWriter(sp.GetRequiredService<IReceiptStore>()));
        services.AddHostedService<LedgerMigration>();
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.AddPolicy(ReceiptRateLimit, context =>
            {
                var perMinute = context.RequestServices.GetRequiredService<ConsentryOptions>().ReceiptsPerMinutePerClient;
                return RateLimitPartition.GetFixedWindowLimiter(context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                    _ => new FixedWindowRateLimiterOptions { PermitLimit = perMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 });
            });
            o.OnRejected = async (context, cancel) =>
            {
                context.HttpContext.Response.Headers.RetryAfter = "60";
                await TypedResults.Problem("Too many receipts from this client; retry in a minute.", statusCode: StatusCodes.Status429TooManyRequests, title: "Rate limit")
                    .ExecuteAsync(context.HttpContext);
            };
        });
        services.AddOptions<CookiePolicyOptions>().Configure<ConsentrySites, CookieEnforcer>((o, sites, enforcer) =>
        {
            o.CheckConsentNeeded = context => sites.Resolve(context)?.Manifest.BannerRequired ?? false;
            o.OnAppendCookie = enforcer.OnAppendCookie;
        });
        return services;
    }
}
