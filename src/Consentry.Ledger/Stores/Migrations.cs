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
        (3, """
            CREATE TABLE consent_choices (
              site TEXT NOT NULL, day INTEGER NOT NULL, revision INTEGER NOT NULL, language TEXT NOT NULL, browser TEXT NOT NULL, method TEXT NOT NULL, n INTEGER NOT NULL,
              PRIMARY KEY (site, day, revision, language, browser, method)
            );
            CREATE TABLE consent_grants (
              site TEXT NOT NULL, day INTEGER NOT NULL, revision INTEGER NOT NULL, language TEXT NOT NULL, browser TEXT NOT NULL, category TEXT NOT NULL, n INTEGER NOT NULL,
              PRIMARY KEY (site, day, revision, language, browser, category)
            );
            INSERT INTO consent_choices (site, day, revision, language, browser, method, n)
              SELECT site, CAST(server_time / 86400000 AS INTEGER), json_extract(receipt, '$.revision'), json_extract(receipt, '$.language'), json_extract(receipt, '$.userAgentFamily'), json_extract(receipt, '$.method'), COUNT(*)
              FROM receipts WHERE consent_id <> '' GROUP BY 1, 2, 3, 4, 5, 6;
            INSERT INTO consent_grants (site, day, revision, language, browser, category, n)
              SELECT r.site, CAST(r.server_time / 86400000 AS INTEGER), json_extract(r.receipt, '$.revision'), json_extract(r.receipt, '$.language'), json_extract(r.receipt, '$.userAgentFamily'), c.key, COUNT(*)
              FROM receipts r, json_each(json_extract(r.receipt, '$.categories')) c WHERE r.consent_id <> '' AND c.value = 1 GROUP BY 1, 2, 3, 4, 5, 6;
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
        (3, """
            CREATE TABLE consent_choices (
              site TEXT NOT NULL, day INTEGER NOT NULL, revision INTEGER NOT NULL, language TEXT NOT NULL, browser TEXT NOT NULL, method TEXT NOT NULL, n BIGINT NOT NULL,
              PRIMARY KEY (site, day, revision, language, browser, method)
            );
            CREATE TABLE consent_grants (
              site TEXT NOT NULL, day INTEGER NOT NULL, revision INTEGER NOT NULL, language TEXT NOT NULL, browser TEXT NOT NULL, category TEXT NOT NULL, n BIGINT NOT NULL,
              PRIMARY KEY (site, day, revision, language, browser, category)
            );
            INSERT INTO consent_choices (site, day, revision, language, browser, method, n)
              SELECT site, floor(server_time / 86400000.0)::int, (receipt::jsonb->>'revision')::int, receipt::jsonb->>'language', receipt::jsonb->>'userAgentFamily', receipt::jsonb->>'method', COUNT(*)
              FROM receipts WHERE consent_id <> '' GROUP BY 1, 2, 3, 4, 5, 6;
            INSERT INTO consent_grants (site, day, revision, language, browser, category, n)
              SELECT r.site, floor(r.server_time / 86400000.0)::int, (r.receipt::jsonb->>'revision')::int, r.receipt::jsonb->>'language', r.receipt::jsonb->>'userAgentFamily', c.key, COUNT(*)
              FROM receipts r, jsonb_each(r.receipt::jsonb->'categories') c WHERE r.consent_id <> '' AND c.value = 'true'::jsonb GROUP BY 1, 2, 3, 4, 5, 6;
            """),
    ];
}
