using Consentry.AspNetCore;
using Consentry.Ledger.Stores;
using Consentry.Server.Accounts;
using Consentry.Server.Audit;
using Consentry.Server.Data;
using Consentry.Server.Notices;
using Consentry.Server.Notifications;
using Consentry.Server.Scans;
using Quartz;
using Consentry.Server.Operations;
using Consentry.Server.Records;
using Consentry.Server.Sites;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;

namespace Consentry.Server;

/// <summary>The server's services: the Consentry sites host, its own tables, accounts and keys, the audit trail, and the background work.</summary>
internal static class ServerServices
{
    /// <summary>The sign-in cookie: <c>__Host-</c> (Secure, no Domain, Path=/), HttpOnly, SameSite=Strict.</summary>
    public const string SignInCookie = "__Host-consentry-admin";

    /// <summary>
    /// The antiforgery cookie: HttpOnly, SameSite=Strict, Path=/, Secure whenever the request is (ASP.NET Core refuses
    /// a Secure-only antiforgery cookie on plain HTTP, which a server on loopback during development uses). It is no
    /// credential: a form is accepted only with the token in the page that pairs with it.
    /// </summary>
    public const string AntiforgeryCookie = "consentry-af";

    public static IServiceCollection AddConsentryServer(this IServiceCollection services, ServerOptions options)
    {
        services.AddServerCore(options);
        services.AddHostedService<ServerStartup>();
        services.AddSingleton<SiteSync>();
        services.AddHostedService(sp => sp.GetRequiredService<SiteSync>());
        services.AddHostedService<VerificationSchedule>();
        services.AddScanScheduling(options);
        services.AddHostedService<NoticeSender>();
        services.AddSingleton<DeliveryDispatcher>();
        services.AddHostedService(sp => sp.GetRequiredService<DeliveryDispatcher>());
        services.AddAuthentication(Access.CookieScheme)
            .AddCookie(Access.CookieScheme, o =>
            {
                o.Cookie.Name = SignInCookie;
                o.Cookie.SecurePolicy = CookieSecurePolicy.Always;
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Strict;
                o.Cookie.Path = "/";
                o.LoginPath = "/admin/login";
                o.LogoutPath = "/admin/logout";
                o.AccessDeniedPath = "/admin/denied";
                o.ExpireTimeSpan = TimeSpan.FromHours(8);
                o.SlidingExpiration = true;
            })
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(Access.KeyScheme, null);
        services.AddAuthorizationBuilder()
            .AddPolicy(Access.AnyAccount, p => p.AddAuthenticationSchemes(Access.CookieScheme).RequireRole(Roles.Admin, Roles.Auditor))
            .AddPolicy(Access.AdminAccount, p => p.AddAuthenticationSchemes(Access.CookieScheme).RequireRole(Roles.Admin))
            .AddPolicy(Access.KeyScheme, p => p.AddAuthenticationSchemes(Access.KeyScheme).RequireAuthenticatedUser());
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = AntiforgeryCookie;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.Path = "/";
        });
        // The keys that protect sign-in and antiforgery cookies live in the database, shared by every instance.
        services.AddDataProtection().SetApplicationName("Consentry");
        services.AddOptions<KeyManagementOptions>().Configure<ServerDatabase, TimeProvider>((o, db, clock) => o.XmlRepository = new DatabaseXmlRepository(db, clock));
        services.AddRazorPages(o =>
        {
            o.Conventions.AuthorizeFolder("/Admin", Access.AnyAccount);
            o.Conventions.AllowAnonymousToPage("/Admin/Login");
            o.Conventions.AllowAnonymousToPage("/Admin/Denied");
        }).AddApplicationPart(typeof(ServerServices).Assembly);
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter(System.Text.Json.JsonNamingPolicy.CamelCase)));
        services.AddOpenApi();
        services.AddProblemDetails();
        services.AddOpenTelemetry().WithMetrics(metrics =>
        {
            // Consentry.Ledger (commit latency, receipts committed, writer queue) and Consentry.AspNetCore (receipts accepted and refused), and HTTP.
            metrics.AddMeter("Consentry.*").AddAspNetCoreInstrumentation().AddPrometheusExporter();
            var otlp = options.OtlpEndpoint ?? Environment.GetEnvironmentVariable("OTEL_EXPORTER_OTLP_ENDPOINT");
            if (!string.IsNullOrWhiteSpace(otlp))
            {
                metrics.AddOtlpExporter(o => o.Endpoint = new Uri(otlp));
            }
        });
        services.AddHealthChecks().AddCheck<DatabaseReadyCheck>("database", tags: ["ready"]);
        services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            o.KnownProxies.Clear();
            o.KnownIPNetworks.Clear();
            foreach (var proxy in options.TrustedProxies)
            {
                o.KnownIPNetworks.Add(Network(proxy));
            }
        });
        return services;
    }

    /// <summary>The account-link secret: the configured one, the configured file's, or (SQLite) the default file's, made on first start.</summary>
    private static string? AccountLinkSecret(ServerOptions options, string sqlite)
    {
        if (!string.IsNullOrEmpty(options.AccountLinkSecret))
        {
            return options.AccountLinkSecret;
        }

        var path = options.AccountLinkSecretFile ?? (options.Postgres is null ? AccountLinkSecretFile.For(sqlite) : null);
        try
        {
            return path is null ? null : AccountLinkSecretFile.Read(path, create: options.AccountLinkSecretFile is null);
        }
        catch (InvalidOperationException e)
        {
            throw new OptionsValidationException(nameof(ServerOptions.AccountLinkSecretFile), typeof(ServerOptions), [e.Message]);
        }
    }

    /// <summary>The name a created signing key gets: the host people reach the server at.</summary>
    private static string KeyName(ServerOptions options) =>
        Uri.TryCreate(options.PublicUrl ?? options.Urls.Split(';')[0], UriKind.Absolute, out var url) && url.Host.Length > 0 ? url.Host : "localhost";

    /// <summary>What the server and <c>consentry server admin add</c> share: options, the database, the ledger and the services over them.</summary>
    public static IServiceCollection AddServerCore(this IServiceCollection services, ServerOptions options)
    {
        var sqlite = options.Database ?? LedgerPaths.DefaultDatabase();
        services.AddSingleton(Options.Create(options));
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(new ServerDatabase(sqlite, options.Postgres));
        services.AddConsentrySites(new ConsentrySites(), o =>
        {
            o.LedgerPath = sqlite;
            o.LedgerConnectionString = options.Postgres;
            o.ReceiptsPerMinutePerClient = options.ReceiptsPerMinutePerClient;
            o.LedgerSigningKey = options.LedgerKey;
            o.LedgerSigningKeyPath = options.LedgerKeyFile ?? (options.Postgres is null ? LedgerPaths.DefaultSigningKey(sqlite) : null);
            o.CreateLedgerSigningKey = options.LedgerKeyFile is null;
            o.LedgerSigningKeyName = KeyName(options);
            o.AccountLinkSecret = AccountLinkSecret(options, sqlite);
            foreach (var witness in options.Witnesses)
            {
                o.Witnesses.Add(witness);
            }

            ConfigureRegions(o, options);
        });
        services.AddSingleton<AuditTrail>();
        services.AddSingleton<SiteRepository>();
        services.AddSingleton<SiteCatalog>();
        services.AddSingleton<UserRepository>();
        services.AddSingleton<AccountService>();
        services.AddSingleton<ApiKeyService>();
        services.AddSingleton<VerificationService>();
        services.AddSingleton<RecordsService>();
        services.AddSingleton<JobClaims>();
        services.AddSingleton<ChannelRepository>();
        services.AddSingleton<DeliveryStore>();
        services.AddSingleton<AlertService>();
        services.AddSingleton<SmtpMailer>();
        services.AddSingleton<NoticeRepository>();
        services.AddSingleton<NoticeService>();
        services.AddSingleton<IChannelSender, WebhookSender>();
        services.AddSingleton<IChannelSender, EmailSender>();
        // Outside a web host (the CLI adding an account) the ledger store is still needed; the host's own registration wins when present.
        services.TryAddSingleton<IReceiptStore>(sp => string.IsNullOrWhiteSpace(options.Postgres) ? new SqliteReceiptStore(sqlite) : new PostgresReceiptStore(options.Postgres));
        return services;
    }

    /// <summary>
    /// Quartz.NET for scheduled scans: on PostgreSQL its clustered ADO.NET store (tables created when missing), so each
    /// firing runs on one instance and a dead instance's scans are recovered by another; on SQLite (one instance) its
    /// in-memory store, fed from the schedules table at start.
    /// </summary>
    private static void AddScanScheduling(this IServiceCollection services, ServerOptions options)
    {
        services.AddSingleton<ScanScheduleRepository>();
        services.AddSingleton<ScanHistory>();
        services.AddSingleton<ScanRunner>();
        services.AddSingleton<ScanScheduler>();
        services.AddQuartz(q =>
        {
            q.ConfigureScheduler(o =>
            {
                o.InstanceName = "consentry";
                o.InstanceId = ScanJob.Instance;
                // A stopping instance cancels its scans; they are run again (by another instance, or by this one at its next start).
                o.ShutdownJobInterruption = ShutdownJobInterruption.Always;
            });
            q.UseDefaultThreadPool(Math.Max(1, options.Scans.Concurrency));
            if (string.IsNullOrWhiteSpace(options.Postgres))
            {
                q.UseInMemoryStore();
                return;
            }

            q.UsePersistentStore(store =>
            {
                store.UsePostgres(options.Postgres);
                store.ProvisionSchema();
                store.ConfigureStore(o =>
                {
                    o.StoreJobDataAsStrings = true;
                    o.RecoverFiringsCancelledByShutdown = true;
                });
                store.UseClustering(c =>
                {
                    c.CheckinInterval = options.Scans.ClusterCheckin;
                    c.CheckinMisfireThreshold = options.Scans.ClusterCheckin;
                });
            });
        });
        services.AddQuartzHostedService(o => o.WaitForJobsToComplete = false);
        services.AddHostedService<ScanScheduleSync>();
    }

    internal static System.Net.IPNetwork Network(string text, string setting = nameof(ServerOptions.TrustedProxies))
    {
        try
        {
            return TrustedProxies.Parse(text);
        }
        catch (FormatException e)
        {
            throw new OptionsValidationException(setting, typeof(ServerOptions), [setting + ": " + e.Message]);
        }
    }

    /// <summary>The region headers and the proxies they are believed from; one without the other is refused, saying why.</summary>
    private static void ConfigureRegions(ConsentryOptions o, ServerOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.RegionHeaders))
        {
            if (options.RegionProxies.Count > 0)
            {
                throw new OptionsValidationException(nameof(ServerOptions.RegionProxies), typeof(ServerOptions), ["RegionProxies is set but RegionHeaders is not: name the headers your CDN puts the visitor's country in (--region-headers cloudflare, cloudfront, vercel or Country-Header[,Subdivision-Header])."]);
            }

            return;
        }

        if (options.RegionProxies.Count == 0)
        {
            throw new OptionsValidationException(nameof(ServerOptions.RegionProxies), typeof(ServerOptions), ["RegionHeaders is set but RegionProxies is empty: name the CDN or proxy addresses or networks (--region-proxy 173.245.48.0/20) whose region headers may be trusted, or a visitor could choose their own region."]);
        }

        try
        {
            o.RegionHeaders = Consentry.AspNetCore.RegionHeaders.Parse(options.RegionHeaders);
        }
        catch (FormatException e)
        {
            throw new OptionsValidationException(nameof(ServerOptions.RegionHeaders), typeof(ServerOptions), ["RegionHeaders: " + e.Message]);
        }

        foreach (var proxy in options.RegionProxies)
        {
            o.RegionProxies.Add(Network(proxy, nameof(ServerOptions.RegionProxies)));
        }
    }
}
