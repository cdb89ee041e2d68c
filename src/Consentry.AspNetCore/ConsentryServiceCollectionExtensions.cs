using Consentry.Ledger.Stores;
using Consentry.Ledger.Transparency;
using Consentry.Ledger.Writing;
using Consentry.Manifests;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Consentry.AspNetCore;

/// <summary>Registers Consentry.</summary>
public static class ConsentryServiceCollectionExtensions
{
    /// <summary>
    /// Adds Consentry: loads and validates the manifest (an invalid manifest stops start-up with every
    /// error listed), and configures ASP.NET Core's cookie policy to drop cookies of categories the
    /// visitor has not granted. Pair with <see cref="ConsentryApplicationBuilderExtensions.UseConsentry(Microsoft.AspNetCore.Builder.WebApplication)"/>.
    /// </summary>
    public static IServiceCollection AddConsentry(this IServiceCollection services, Action<ConsentryOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<ConsentryOptions>().Configure(configure)
            .Validate(o => o.Manifest is not null || !string.IsNullOrWhiteSpace(o.ManifestPath), "Consentry needs a manifest: set ConsentryOptions.ManifestPath (cookies.yaml) or ConsentryOptions.Manifest.")
            .Validate(o => o.PathBase.HasValue, "ConsentryOptions.PathBase must be a path such as /consentry.")
            .ValidateOnStart();
        services.TryAddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<ConsentryOptions>>().Value;
            var manifest = options.Manifest ?? ManifestLoader.Load(options.ManifestPath!).GetValidManifest();
            var logger = sp.GetRequiredService<ILogger<ConsentrySite>>();
            if (logger.IsEnabled(LogLevel.Information))
            {
                var itemCount = manifest.AllItems.Count();
                var banner = manifest.BannerRequired ? "required" : "not needed";
                ConsentryLog.ManifestLoaded(logger, manifest.Path, manifest.Revision, itemCount, banner);
            }

            return new ConsentrySite(manifest, options.PathBase.Value!, options.SiteId);
        });
        services.TryAddSingleton(sp => ConsentrySites.Single(sp.GetRequiredService<ConsentrySite>()));
        return services.AddConsentryCore();
    }

    /// <summary>
    /// As <see cref="AddConsentry(IServiceCollection, Action{ConsentryOptions})"/>, with the options bound from
    /// <paramref name="configuration"/> (e.g. <c>builder.Configuration.GetSection("Consentry")</c>: <c>ManifestPath</c>,
    /// <c>PathBase</c>, <c>SiteId</c>, <c>LedgerPath</c>, <c>LedgerConnectionString</c>,
    /// <c>ReceiptsPerMinutePerClient</c>, <c>StrictUndeclaredCookies</c>, <c>LedgerSigningKeyPath</c>, <c>LedgerSigningKey</c>,
    /// <c>CheckpointInterval</c>, <c>LogReadsPerMinutePerClient</c>), then <paramref name="configure"/>.
    /// </summary>
    public static IServiceCollection AddConsentry(this IServiceCollection services, IConfiguration configuration, Action<ConsentryOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return services.AddConsentry(o =>
        {
            configuration.Bind(o);
            configure?.Invoke(o);
        });
    }

    /// <summary>
    /// Adds Consentry for a host of several sites: <paramref name="sites"/> tells which site each request
    /// belongs to (sites may be added to it until the app starts). Options apply to all sites (ledger, receipt
    /// rate); <see cref="ConsentryOptions.ManifestPath"/> and <see cref="ConsentryOptions.Manifest"/> are not used.
    /// Pair with <see cref="ConsentryApplicationBuilderExtensions.UseConsentryEnforcement"/> and one
    /// <see cref="ConsentryApplicationBuilderExtensions.MapConsentrySite"/> per site.
    /// </summary>
    public static IServiceCollection AddConsentrySites(this IServiceCollection services, ConsentrySites sites, Action<ConsentryOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(sites);
        services.TryAddSingleton(sites);
        if (configure is not null)
        {
            services.Configure(configure);
        }

        return services.AddConsentryCore();
    }

    /// <summary>What every Consentry host shares: options, the enforcer, the ledger writer, the receipt rate limit and the cookie policy set-up. Needs a <see cref="ConsentrySites"/>.</summary>
    private static IServiceCollection AddConsentryCore(this IServiceCollection services)
    {
        services.AddOptions<ConsentryOptions>()
            .Validate(o => o.RegionHeaders is null || o.RegionProxies.Count > 0, "ConsentryOptions.RegionHeaders is set but RegionProxies is empty: name the CDN or proxy addresses (or networks) whose region headers may be trusted, or a visitor could choose their own region.")
            .Validate(o => o.AccountLinkSecret is null || System.Text.Encoding.UTF8.GetByteCount(o.AccountLinkSecret) >= Ledger.Receipts.AccountKeys.MinSecretBytes, $"ConsentryOptions.AccountLinkSecret must be at least {Ledger.Receipts.AccountKeys.MinSecretBytes} bytes: use a long random value (e.g. 'openssl rand -base64 48').")
            .ValidateOnStart();
        services.TryAddSingleton(sp => sp.GetRequiredService<IOptions<ConsentryOptions>>().Value);
        services.TryAddEnumerable(ServiceDescriptor.Transient<Microsoft.AspNetCore.Hosting.IStartupFilter, PeerAddressStartupFilter>());
        services.TryAddSingleton<CookieEnforcer>();
        services.TryAddSingleton<LedgerHealthLog>();
        services.TryAddSingleton<IReceiptStore>(sp =>
        {
            var options = sp.GetRequiredService<ConsentryOptions>();
            return options.LedgerConnectionString is { Length: > 0 } postgres
                ? new PostgresReceiptStore(postgres)
                : new SqliteReceiptStore(options.LedgerPath ?? LedgerPaths.DefaultDatabase());
        });
        services.TryAddSingleton(sp => new LedgerSigning(sp.GetRequiredService<ConsentryOptions>(), sp.GetService<ICheckpointSigner>(), sp.GetService<ILogger<LedgerSigning>>()));
        services.TryAddSingleton(sp => new ReceiptWriter(sp.GetRequiredService<IReceiptStore>(), sp.GetRequiredService<LedgerSigning>().Signer, sp.GetRequiredService<ConsentryOptions>().CheckpointInterval));
        services.TryAddSingleton<LogRateLimiter>();
        services.TryAddSingleton(sp => sp.GetRequiredService<IReceiptStore>() as IAccountLinks
            ?? throw new InvalidOperationException("The registered IReceiptStore keeps no account links (IAccountLinks): register one that does, or do not link consent to accounts."));
        services.TryAddSingleton<IConsentLinks>(sp => new ConsentLinks(sp.GetRequiredService<IReceiptStore>(), sp.GetRequiredService<IAccountLinks>(), sp.GetRequiredService<ReceiptWriter>(), sp.GetRequiredService<ConsentryOptions>()));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, LedgerMigration>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, WitnessSubmitter>()); // after the migration
        services.TryAddSingleton<ReceiptRateLimiter>();
        // After the host's own configuration, whatever order it was registered in: for a Consentry site's request the
        // cookie policy's own yes/no consent check stands aside (Consentry decides each cookie, under the policy, and
        // answers ITrackingConsentFeature); the host's check keeps every other request, and its OnAppendCookie every one.
        // A host without a check of its own keeps none (no consent needed, as before), so its options stay empty.
        services.AddOptions<CookiePolicyOptions>().PostConfigure<ConsentrySites>((o, sites) =>
        {
            if (o.CheckConsentNeeded is { } hostCheck)
            {
                o.CheckConsentNeeded = context => sites.Resolve(context) is null && hostCheck(context);
            }
        });
        return services;
    }
}
