using Consentry.Manifests;
using Microsoft.AspNetCore.Http;

namespace Consentry.AspNetCore;

/// <summary>Options for <see cref="ConsentryServiceCollectionExtensions.AddConsentry(Microsoft.Extensions.DependencyInjection.IServiceCollection, Action{ConsentryOptions})"/>.</summary>
public sealed class ConsentryOptions
{
    /// <summary>The manifest file (<c>cookies.yaml</c>). Required unless <see cref="Manifest"/> is set. Read and validated at start-up.</summary>
    public string? ManifestPath { get; set; }

    /// <summary>An already loaded manifest; takes precedence over <see cref="ManifestPath"/>.</summary>
    public CookieManifest? Manifest { get; set; }

    /// <summary>Where the banner, its configuration and the policy are served. Default <c>/consentry</c>.</summary>
    public PathString PathBase { get; set; } = "/consentry";

    /// <summary>
    /// When true, a Set-Cookie for a cookie the manifest does not declare throws in the Development
    /// environment (it is always logged as a warning). Default false.
    /// </summary>
    public bool StrictUndeclaredCookies { get; set; }

    /// <summary>The site's id in the ledger. Default: the manifest's site name in lower case, spaces as '-'.</summary>
    public string? SiteId { get; set; }

    /// <summary>
    /// The SQLite ledger file receipts are written to. Default: <c>ledger.db</c> in the data folder
    /// (<c>$CONSENTRY_DATA</c>, else <c>~/.local/share/consentry</c>), shared with the <c>consentry ledger</c> commands.
    /// </summary>
    public string? LedgerPath { get; set; }

    /// <summary>
    /// A PostgreSQL connection string (Npgsql form). When set, receipts go to PostgreSQL instead of the
    /// SQLite file, and several instances may share the database.
    /// </summary>
    public string? LedgerConnectionString { get; set; }

    /// <summary>Receipts one client (by IP address, never stored) may send per minute before getting 429. Default 60.</summary>
    public int ReceiptsPerMinutePerClient { get; set; } = 60;
}
