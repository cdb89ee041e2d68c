namespace Consentry.Ledger.Stores;

/// <summary>The schema, one numbered step at a time; a store runs the steps it has not run yet, each in its own transaction.</summary>
internal static class Migrations
{
    public static readonly (long Version, string Sql)[] Sqlite =
    [
        (1, """
            CREATE TABLE receipts (
              id INTEGER PRIMARY KEY AUTOINCREMENT,
              site TEXT NOT NULL,
              seq INTEGER NOT NULL,
              consent_id TEXT NOT NULL,
              server_time INTEGER NOT NULL,
              receipt TEXT NOT NULL,
              prev_hash TEXT NOT NULL,
              hash TEXT NOT NULL,
              UNIQUE (site, seq)
            );
            CREATE INDEX receipts_consent_id ON receipts (consent_id);
            CREATE INDEX receipts_site_time ON receipts (site, server_time);
            CREATE TABLE heads (site TEXT PRIMARY KEY, seq INTEGER NOT NULL, hash TEXT NOT NULL);
            CREATE TABLE checkpoints (site TEXT NOT NULL, seq INTEGER NOT NULL, hash TEXT NOT NULL, created INTEGER NOT NULL, reason TEXT NOT NULL, PRIMARY KEY (site, seq));
            """),
        (2, """
            ALTER TABLE receipts ADD COLUMN receipt_id TEXT;
            CREATE UNIQUE INDEX receipts_receipt_id ON receipts (site, receipt_id) WHERE receipt_id IS NOT NULL;
            """),
    ];

    public static readonly (long Version, string Sql)[] Postgres =
    [
        (1, """
            CREATE TABLE receipts (
              id BIGSERIAL PRIMARY KEY,
              site TEXT NOT NULL,
              seq BIGINT NOT NULL,
              consent_id TEXT NOT NULL,
              server_time BIGINT NOT NULL,
              receipt TEXT NOT NULL,
              prev_hash TEXT NOT NULL,
              hash TEXT NOT NULL,
              CONSTRAINT receipts_site_seq UNIQUE (site, seq)
            );
            CREATE INDEX receipts_consent_id ON receipts (consent_id);
            CREATE INDEX receipts_site_time ON receipts (site, server_time);
            CREATE TABLE heads (site TEXT PRIMARY KEY, seq BIGINT NOT NULL, hash TEXT NOT NULL);
            CREATE TABLE checkpoints (site TEXT NOT NULL, seq BIGINT NOT NULL, hash TEXT NOT NULL, created BIGINT NOT NULL, reason TEXT NOT NULL, PRIMARY KEY (site, seq));
            """),
        (2, """
            ALTER TABLE receipts ADD COLUMN receipt_id TEXT;
            CREATE UNIQUE INDEX receipts_receipt_id ON receipts (site, receipt_id) WHERE receipt_id IS NOT NULL;
            """),
    ];
}
