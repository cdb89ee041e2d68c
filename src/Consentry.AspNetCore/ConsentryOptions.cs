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

    /// <summary>
    /// A file holding the ledger's checkpoint signing key (made by <c>consentry ledger keygen</c>). With it, or with
    /// <see cref="LedgerSigningKey"/>, every site's transparency log gets signed checkpoints, served at
    /// <c>{PathBase}/log/checkpoint</c>, and the banner configuration names the key that checks them. A signer
    /// registered in the services (<c>ICheckpointSigner</c>, e.g. over a key management service) takes precedence.
    /// </summary>
    public string? LedgerSigningKeyPath { get; set; }

    /// <summary>
    /// When <see cref="LedgerSigningKeyPath"/> names no file yet, create a new key there (readable by its owner only)
    /// named <see cref="LedgerSigningKeyName"/>, and log that it did. Default false: a missing file stops the start.
    /// </summary>
    public bool CreateLedgerSigningKey { get; set; }

    /// <summary>The name a created key gets (each site's log is <c>&lt;name&gt;/&lt;site&gt;</c>). Default <c>localhost</c>.</summary>
    public string LedgerSigningKeyName { get; set; } = "localhost";

    /// <summary>The signing key itself (<c>PRIVATE+KEY+…</c>), e.g. from an environment secret; takes precedence over <see cref="LedgerSigningKeyPath"/>.</summary>
    public string? LedgerSigningKey { get; set; }

    /// <summary>How often a checkpoint of each grown log is signed. Default one second; zero signs after every commit.</summary>
    public TimeSpan CheckpointInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Witnesses every new signed checkpoint is submitted to; their cosignatures are kept with the checkpoint (and
    /// served with it), so a log rewritten or forked after a witness saw it cannot pass as the one it cosigned.
    /// </summary>
    public IList<WitnessEndpoint> Witnesses { get; } = [];

    /// <summary>
    /// A consent-aware Content-Security-Policy on HTML responses (default <see cref="ConsentCspMode.Off"/>): scripts,
    /// connections, frames and images are admitted from the site's own origin and domains, <see cref="ConsentCspAllow"/>,
    /// and the domains of the providers the visitor granted (or that need no consent), so the browser itself blocks
    /// the rest; violations are reported to <c>{PathBase}/csp-reports</c>. Start with <see cref="ConsentCspMode.ReportOnly"/>.
    /// </summary>
    public ConsentCspMode ConsentCsp { get; set; }

    /// <summary>Sources the consent-aware policy always admits besides the site's own (e.g. <c>https://cdn.example.com</c>).</summary>
    public IList<string> ConsentCspAllow { get; } = [];

    /// <summary>
    /// On a page rendered per visitor by its own host (<c>&lt;consentry-banner /&gt;</c>, <c>ScriptTag("", request)</c>), a
    /// visitor who has not chosen yet (the banner will be on screen) gets the banner's code inside the page instead of a
    /// request for <c>banner.js</c>, so it runs as soon as the page is parsed; a visitor who has chosen gets the cached
    /// file. Not done when the response already carries a Content-Security-Policy and the page gives no nonce (an inline
    /// script would be refused). Default true; false always uses the file.
    /// </summary>
    public bool InlineBannerBeforeChoice { get; set; } = true;

    /// <summary>Transparency-log reads (checkpoint, proofs) one client may make per minute before getting 429. Default 600.</summary>
    public int LogReadsPerMinutePerClient { get; set; } = 600;

    /// <summary>
    /// Where the visitor's region comes from: the headers a CDN or proxy sets (<see cref="RegionHeaders.Cloudflare"/>,
    /// <see cref="RegionHeaders.CloudFront"/>, <see cref="RegionHeaders.Vercel"/>, or your own names); null (the default):
    /// the region is unknown and every visitor gets opt-in. Trusted only from <see cref="RegionProxies"/>.
    /// </summary>
    public RegionHeaders? RegionHeaders { get; set; }

    /// <summary>
    /// The proxies (addresses or networks, <see cref="TrustedProxies.Parse"/>) whose region headers are believed: the
    /// connection's own peer must be one of them, else the headers are ignored (a visitor could send them) and the
    /// visitor gets opt-in. Required with <see cref="RegionHeaders"/>.
    /// </summary>
    public IList<System.Net.IPNetwork> RegionProxies { get; } = [];

    /// <summary>
    /// The secret account ids are stored under (as HMAC-SHA256 with a key derived per site), for consent that follows a
    /// signed-in account (<see cref="HttpContextConsentExtensions.LinkConsentAsync"/>): at least 32 bytes, e.g. from an
    /// environment secret, the same on every instance, and kept (with another one, existing links are not found). Null
    /// (the default): linking is off.
    /// </summary>
    public string? AccountLinkSecret { get; set; }
}
