namespace Consentry.Server;

/// <summary>
/// Everything the Consentry server is configured by. Read, in rising precedence, from <c>appsettings.json</c>
/// (next to the program or in the working folder), environment variables with the <c>CONSENTRY_</c> prefix
/// (<c>CONSENTRY_POSTGRES</c>, <c>CONSENTRY_MANIFESTS</c>, …) and the command line's flags.
/// </summary>
public sealed class ServerOptions
{
    /// <summary>Addresses to listen on, separated by ';'. Default: <c>http://127.0.0.1:5090</c>.</summary>
    public string Urls { get; set; } = "http://127.0.0.1:5090";

    /// <summary>The SQLite database (ledger, sites, accounts, audit trail). Default: <c>ledger.db</c> in the data folder (<c>$CONSENTRY_DATA</c>, else <c>~/.local/share/consentry</c>), shared with <c>consentry ledger</c>.</summary>
    public string? Database { get; set; }

    /// <summary>A PostgreSQL connection string; when set, everything is kept there instead, and several server instances may share it.</summary>
    public string? Postgres { get; set; }

    /// <summary>A folder with one sub-folder per site holding its <c>cookies.yaml</c>; each is imported as a site (its folder name the site id) at start and whenever it changes.</summary>
    public string? Manifests { get; set; }

    /// <summary>
    /// The ledger's checkpoint signing key file (<c>consentry ledger keygen</c>). Default: <c>ledger.key</c> beside the
    /// SQLite database, created on first start; with PostgreSQL, none (give every instance the same key).
    /// </summary>
    public string? LedgerKeyFile { get; set; }

    /// <summary>The signing key itself (<c>PRIVATE+KEY+…</c>), e.g. <c>CONSENTRY_LEDGERKEY</c> from a secret store; takes precedence over <see cref="LedgerKeyFile"/>.</summary>
    public string? LedgerKey { get; set; }

    /// <summary>
    /// The file holding the secret account ids are stored under for consent that follows a signed-in account
    /// (<c>POST /api/v1/sites/{site}/account-links</c>). Default: <c>account-link.secret</c> beside the SQLite database,
    /// made on first start; with PostgreSQL, none (give every instance the same secret, or linking is off).
    /// </summary>
    public string? AccountLinkSecretFile { get; set; }

    /// <summary>The account-link secret itself (at least 32 bytes), e.g. <c>CONSENTRY_ACCOUNTLINKSECRET</c> from a secret store; takes precedence over <see cref="AccountLinkSecretFile"/>. Keep it: with another, existing links are not found.</summary>
    public string? AccountLinkSecret { get; set; }

    /// <summary>Witnesses (C2SP tlog-witness: their add-checkpoint URL and key) every new signed checkpoint is submitted to; their cosignatures are kept with it.</summary>
    public IList<Consentry.AspNetCore.WitnessEndpoint> Witnesses { get; } = [];

    /// <summary>Receipts one client may post per minute before getting 429. Default: 60.</summary>
    public int ReceiptsPerMinutePerClient { get; set; } = 60;

    /// <summary>Reverse proxies (IP addresses or CIDR networks) whose X-Forwarded-For and X-Forwarded-Proto are believed. Default: none.</summary>
    public IList<string> TrustedProxies { get; } = [];

    /// <summary>
    /// Where a visitor's region comes from, for sites whose manifest has <c>regions</c>: the headers the CDN in front sets,
    /// as <c>cloudflare</c>, <c>cloudfront</c>, <c>vercel</c> or <c>Country-Header[,Subdivision-Header]</c>. Default: none
    /// (every visitor gets opt-in). Needs <see cref="RegionProxies"/>.
    /// </summary>
    public string? RegionHeaders { get; set; }

    /// <summary>The CDN or proxy addresses (IP addresses or CIDR networks) whose region headers are believed. Required with <see cref="RegionHeaders"/>.</summary>
    public IList<string> RegionProxies { get; } = [];

    /// <summary>The largest manifest accepted by upload, in bytes. Default: 1 MiB; larger uploads get 413.</summary>
    public long MaxManifestBytes { get; set; } = 1024 * 1024;

    /// <summary>Failed sign-ins in a row that lock an account. Default: 5.</summary>
    public int LockoutAttempts { get; set; } = 5;

    /// <summary>How long a locked account stays locked. Default: 15 minutes.</summary>
    public TimeSpan LockoutDuration { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How often every site's ledger chain is verified in the background. Default: 1 hour; zero turns it off.</summary>
    public TimeSpan VerifyEvery { get; set; } = TimeSpan.FromHours(1);

    /// <summary>An OpenTelemetry collector's OTLP endpoint (such as <c>http://collector:4317</c>) metrics are pushed to; also read from <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>. Default: none (metrics are still scraped at <c>/metrics</c>).</summary>
    public string? OtlpEndpoint { get; set; }

    /// <summary>The log format on standard output: <c>simple</c> (one line an event) or <c>json</c> (one JSON object an event, for log collectors). Default: simple.</summary>
    public string LogFormat { get; set; } = "simple";

    /// <summary>The address people reach this server at (such as <c>https://consent.example.com</c>), for links in alerts and notices. Default: the first of <see cref="Urls"/>.</summary>
    public string? PublicUrl { get; set; }

    /// <summary>The SMTP server e-mail goes through.</summary>
    public SmtpOptions Smtp { get; } = new();

    /// <summary>Delivery of alerts by webhook and e-mail.</summary>
    public NotificationOptions Notifications { get; } = new();

    /// <summary>Scheduled scans.</summary>
    public ScanScheduleOptions Scans { get; } = new();

    /// <summary>Notices of material changes to account holders.</summary>
    public NoticeOptions Notices { get; } = new();

    /// <summary>The base of links in alerts and notices.</summary>
    internal Uri LinkBase => new((PublicUrl ?? Urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? "http://127.0.0.1:5090").TrimEnd('/') + "/");
}
