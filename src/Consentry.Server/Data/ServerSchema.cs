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
    ];

    /// <summary>The schema version this build writes; /readyz fails while the database is behind it.</summary>
    public static int Current => Steps[^1].Version;
}
