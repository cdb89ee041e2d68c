using Consentry.Manifests;
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

            return new ConsentryManifest(manifest, options.PathBase.Value!);
        });
        services.AddSingleton(sp => ConsentrySites.Single(sp.GetRequiredService<ConsentryManifest>()));
        return services.AddConsentryCore();
    }

    /// <summary>What every Consentry host shares: options, the enforcer and the cookie policy set-up. Needs a <see cref="ConsentrySites"/>.</summary>
    internal static IServiceCollection AddConsentryCore(this IServiceCollection services)
    {
        services.AddOptions<ConsentryOptions>();
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<ConsentryOptions>>().Value);
        services.AddSingleton<CookieEnforcer>();
        services.AddOptions<CookiePolicyOptions>().Configure<ConsentrySites, CookieEnforcer>((o, sites, enforcer) =>
        {
            o.CheckConsentNeeded = context => sites.Resolve(context)?.Manifest.BannerRequired ?? false;
            o.OnAppendCookie = enforcer.OnAppendCookie;
        });
        return services;
    }
}
