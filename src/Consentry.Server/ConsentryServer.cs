using Consentry.Ledger.Stores;
using Consentry.Server.Accounts;
using Consentry.Server.Api;
using Consentry.Server.Audit;
using Consentry.Server.Data;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Scalar.AspNetCore;

namespace Consentry.Server;

/// <summary>
/// The Consentry server: every site's public endpoints under <c>/sites/&lt;id&gt;/</c>, the admin UI under
/// <c>/admin</c>, the REST API under <c>/api/v1</c> (OpenAPI at <c>/api/v1/openapi.json</c>, reference at
/// <c>/api/v1/docs</c>), and <c>/healthz</c>, <c>/readyz</c>.
/// </summary>
public static class ConsentryServer
{
    // appsettings.json is read by LoadOptions and by the builder, never watched: the builder's default watch covers the
    // working folder and every folder below it, so a database kept there (scripts/run.sh) woke it on every write.
    private const string NoConfigWatch = "--hostBuilder:reloadConfigOnChange=false";

    /// <summary>
    /// Reads the options: <c>appsettings.json</c> in <paramref name="folder"/> (optional), environment variables
    /// prefixed <c>CONSENTRY_</c>, then <paramref name="overrides"/> (the command line's flags), each over the one before.
    /// </summary>
    public static ServerOptions LoadOptions(IEnumerable<KeyValuePair<string, string?>> overrides, string? folder = null)
    {
        var configuration = new ConfigurationBuilder()
            .SetBasePath(folder ?? Directory.GetCurrentDirectory())
            .AddJsonFile("appsettings.json", optional: true)
            .AddEnvironmentVariables("CONSENTRY_")
            .AddInMemoryCollection(overrides)
            .Build();
        var options = new ServerOptions();
        configuration.Bind(options);
        return options;
    }

    /// <summary>Builds the server (not started) for <paramref name="options"/>; <paramref name="configure"/> may adjust the builder (logging, test hooks).</summary>
    public static WebApplication Build(ServerOptions options, Action<WebApplicationBuilder>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = [NoConfigWatch], ApplicationName = typeof(ConsentryServer).Assembly.GetName().Name });
        builder.WebHost.UseUrls(options.Urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        builder.Logging.ClearProviders().SetMinimumLevel(LogLevel.Warning).AddFilter("Microsoft.AspNetCore.DataProtection", LogLevel.Error)
            .AddFilter("Consentry", LogLevel.Information);
        if (options.LogFormat.Equals("json", StringComparison.OrdinalIgnoreCase))
        {
            builder.Logging.AddJsonConsole(o => o.UseUtcTimestamp = true);
        }
        else
        {
            builder.Logging.AddSimpleConsole(o => o.SingleLine = true);
        }

        builder.Services.AddConsentryServer(options);
        configure?.Invoke(builder);
        var app = builder.Build();
        app.UseConsentryServer();
        return app;
    }

    /// <summary>Adds an account from outside the server (<c>consentry server admin add</c>); returns the password to show once, or the reason it was refused.</summary>
    public static async Task<(string? Password, string? Problem)> AddAccountAsync(ServerOptions options, string email, string role, string? password, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        return await WithAccountsAsync(options, accounts => accounts.CreateAsync(email, role, password, "cli", cancellationToken), cancellationToken);
    }

    /// <summary>Sets a new password for an account from outside the server (<c>consentry server admin password</c>); returns it to show once, or the reason it was refused.</summary>
    public static async Task<(string? Password, string? Problem)> ResetPasswordAsync(ServerOptions options, string email, string? password, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        return await WithAccountsAsync(options, accounts => accounts.ResetPasswordAsync(email, password, "cli", cancellationToken), cancellationToken);
    }

    /// <summary>The account service over the options' database, migrated, outside a running server.</summary>
    private static async Task<T> WithAccountsAsync<T>(ServerOptions options, Func<AccountService, Task<T>> work, CancellationToken cancellationToken)
    {
        await using var provider = new ServiceCollection().AddLogging().AddServerCore(options).BuildServiceProvider();
        await provider.GetRequiredService<IReceiptStore>().MigrateAsync(cancellationToken);
        await provider.GetRequiredService<ServerDatabase>().MigrateAsync(cancellationToken);
        return await work(provider.GetRequiredService<AccountService>());
    }

    /// <summary>
    /// Checks an alert webhook as a receiver should (Standard Webhooks): the HMAC-SHA256 signature in
    /// <c>webhook-signature</c> over <c>{webhook-id}.{webhook-timestamp}.{body}</c> with the channel's <c>whsec_</c>
    /// secret, and a timestamp within five minutes of <paramref name="now"/> (an older one is a replay).
    /// </summary>
    public static bool VerifyWebhook(string secret, string webhookId, string webhookTimestamp, string webhookSignature, string body, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(secret);
        ArgumentNullException.ThrowIfNull(webhookId);
        ArgumentNullException.ThrowIfNull(webhookTimestamp);
        ArgumentNullException.ThrowIfNull(webhookSignature);
        ArgumentNullException.ThrowIfNull(body);
        return Notifications.WebhookSignature.Verify(secret, webhookId, webhookTimestamp, webhookSignature, body, now, Notifications.WebhookSignature.Tolerance);
    }

    /// <summary>The database file or server the options name, for messages.</summary>
    public static string DatabaseName(ServerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return string.IsNullOrWhiteSpace(options.Postgres) ? Path.GetFullPath(options.Database ?? LedgerPaths.DefaultDatabase()) : "PostgreSQL";
    }

    internal static void MapApi(WebApplication app)
    {
        var api = app.MapGroup("/api/v1").RequireAuthorization(Access.KeyScheme).DisableAntiforgery();
        SitesApi.Map(api);
        RecordsApi.Map(api);
        AdminApi.Map(api);
        NoticesApi.Map(api);
        ScansApi.Map(api);
        AlertsApi.Map(api);
        AccountLinksApi.Map(api);
        app.MapOpenApi("/api/v1/openapi.json");
        app.MapScalarApiReference("/api/v1/docs", o => o.WithTitle("Consentry API").WithOpenApiRoutePattern("/api/v1/openapi.json"));
    }
}
