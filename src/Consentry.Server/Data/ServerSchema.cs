namespace Consentry.Server.Data;

/// <summary>
/// The server's own tables, beside the ledger's in the same database: one numbered step at a time, in SQL that
/// SQLite and PostgreSQL both read (times are Unix milliseconds, flags 0 or 1).
/// </summary>
internal static class ServerSchema
{
    public static readonly (int Version, string Sql)[] Steps =
    [
        (1, """
            CREATE TABLE server_sites (id TEXT PRIMARY KEY, created BIGINT NOT NULL, created_by TEXT NOT NULL);
            CREATE TABLE server_revisions (
              site_id TEXT NOT NULL, number INTEGER NOT NULL, manifest_revision INTEGER NOT NULL, file_name TEXT NOT NULL, yaml TEXT NOT NULL,
              material INTEGER NOT NULL, renewed_consent INTEGER NOT NULL, uploaded BIGINT NOT NULL, uploaded_by TEXT NOT NULL,
              PRIMARY KEY (site_id, number));
            CREATE TABLE server_users (
              email TEXT PRIMARY KEY, password_hash TEXT NOT NULL, role TEXT NOT NULL, failed INTEGER NOT NULL, locked_until BIGINT NOT NULL, created BIGINT NOT NULL);
            CREATE TABLE server_api_keys (
              id TEXT PRIMARY KEY, name TEXT NOT NULL, secret_hash TEXT NOT NULL, sites TEXT NOT NULL, access TEXT NOT NULL,
              created BIGINT NOT NULL, created_by TEXT NOT NULL, revoked BIGINT);
            CREATE TABLE server_verifications (
              site_id TEXT PRIMARY KEY, run_at BIGINT NOT NULL, verified INTEGER NOT NULL, entries BIGINT NOT NULL, problems TEXT NOT NULL);
            """),
        (2, """
            CREATE TABLE server_dataprotection_keys (id TEXT PRIMARY KEY, xml TEXT NOT NULL, created BIGINT NOT NULL);
            CREATE TABLE server_jobs (name TEXT PRIMARY KEY, last_run BIGINT NOT NULL);
            ALTER TABLE server_users ADD COLUMN must_change INTEGER NOT NULL DEFAULT 0;
            """),
        (3, """
            CREATE TABLE server_outbox (id TEXT PRIMARY KEY, type TEXT NOT NULL, site_id TEXT NOT NULL, created BIGINT NOT NULL, payload TEXT NOT NULL, fanned INTEGER NOT NULL);
            CREATE INDEX server_outbox_unfanned ON server_outbox (fanned, created);
            CREATE TABLE server_channels (
              id TEXT PRIMARY KEY, kind TEXT NOT NULL, name TEXT NOT NULL, target TEXT NOT NULL, secret TEXT NOT NULL, sites TEXT NOT NULL, events TEXT NOT NULL,
              enabled INTEGER NOT NULL, failures INTEGER NOT NULL, disabled_reason TEXT NOT NULL, created BIGINT NOT NULL, created_by TEXT NOT NULL);
            CREATE TABLE server_deliveries (
              event_id TEXT NOT NULL, channel_id TEXT NOT NULL, status TEXT NOT NULL, attempts INTEGER NOT NULL, next_at BIGINT NOT NULL,
              lease_until BIGINT NOT NULL, last_result TEXT NOT NULL, updated BIGINT NOT NULL, PRIMARY KEY (event_id, channel_id));
            CREATE INDEX server_deliveries_due ON server_deliveries (status, next_at);
            CREATE TABLE server_scan_schedules (
              site_id TEXT PRIMARY KEY, cron TEXT NOT NULL, url TEXT NOT NULL, max_pages INTEGER NOT NULL, enabled INTEGER NOT NULL, updated BIGINT NOT NULL, updated_by TEXT NOT NULL);
            CREATE TABLE server_scans (
              id TEXT PRIMARY KEY, site_id TEXT NOT NULL, fire_key TEXT NOT NULL UNIQUE, origin TEXT NOT NULL, status TEXT NOT NULL, instance TEXT NOT NULL,
              attempts INTEGER NOT NULL, started BIGINT NOT NULL, ended BIGINT NOT NULL, summary TEXT NOT NULL, report_json TEXT, report_html TEXT);
            CREATE INDEX server_scans_site ON server_scans (site_id, started);
            CREATE TABLE server_notice_runs (
              id TEXT PRIMARY KEY, site_id TEXT NOT NULL, revision INTEGER NOT NULL, status TEXT NOT NULL, created BIGINT NOT NULL, started BIGINT NOT NULL,
              finished BIGINT NOT NULL, recipients BIGINT NOT NULL, sent BIGINT NOT NULL, failed BIGINT NOT NULL, bounced BIGINT NOT NULL, codes TEXT NOT NULL,
              UNIQUE (site_id, revision));
            CREATE TABLE server_notice_recipients (
              run_id TEXT NOT NULL, address TEXT NOT NULL, language TEXT NOT NULL, status TEXT NOT NULL, attempts INTEGER NOT NULL, lease_until BIGINT NOT NULL,
              result TEXT NOT NULL, PRIMARY KEY (run_id, address));
            CREATE INDEX server_notice_recipients_due ON server_notice_recipients (run_id, status, address);
            """),
    ];

    /// <summary>The schema version this build writes; /readyz fails while the database is behind it.</summary>
    public static int Current => Steps[^1].Version;
}
