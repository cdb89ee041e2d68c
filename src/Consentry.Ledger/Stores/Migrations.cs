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
            CREATE TABLE consent_counts (
              site TEXT NOT NULL, dimension TEXT NOT NULL, day INTEGER NOT NULL, value TEXT NOT NULL, measure TEXT NOT NULL, key TEXT NOT NULL, n INTEGER NOT NULL,
              PRIMARY KEY (site, day, dimension, value, measure, key)
            ) WITHOUT ROWID;
            INSERT INTO consent_counts (site, dimension, day, value, measure, key, n)
              SELECT site, dimension, day, value, measure, key, COUNT(*) FROM (
                SELECT r.site AS site, CAST(r.server_time / 86400000 AS INTEGER) AS day, '' AS dimension, '' AS value, 'method' AS measure, json_extract(r.receipt, '$.method') AS key FROM receipts r WHERE r.consent_id <> ''
                UNION ALL SELECT r.site, CAST(r.server_time / 86400000 AS INTEGER), '', '', 'granted', c.key FROM receipts r, json_each(json_extract(r.receipt, '$.categories')) c WHERE r.consent_id <> '' AND c.value = 1
                UNION ALL SELECT r.site AS site, CAST(r.server_time / 86400000 AS INTEGER) AS day, 'revision' AS dimension, CAST(json_extract(r.receipt, '$.revision') AS TEXT) AS value, 'method' AS measure, json_extract(r.receipt, '$.method') AS key FROM receipts r WHERE r.consent_id <> ''
                UNION ALL SELECT r.site, CAST(r.server_time / 86400000 AS INTEGER), 'revision', CAST(json_extract(r.receipt, '$.revision') AS TEXT), 'granted', c.key FROM receipts r, json_each(json_extract(r.receipt, '$.categories')) c WHERE r.consent_id <> '' AND c.value = 1
                UNION ALL SELECT r.site AS site, CAST(r.server_time / 86400000 AS INTEGER) AS day, 'language' AS dimension, json_extract(r.receipt, '$.language') AS value, 'method' AS measure, json_extract(r.receipt, '$.method') AS key FROM receipts r WHERE r.consent_id <> ''
                UNION ALL SELECT r.site, CAST(r.server_time / 86400000 AS INTEGER), 'language', json_extract(r.receipt, '$.language'), 'granted', c.key FROM receipts r, json_each(json_extract(r.receipt, '$.categories')) c WHERE r.consent_id <> '' AND c.value = 1
                UNION ALL SELECT r.site AS site, CAST(r.server_time / 86400000 AS INTEGER) AS day, 'browser' AS dimension, json_extract(r.receipt, '$.userAgentFamily') AS value, 'method' AS measure, json_extract(r.receipt, '$.method') AS key FROM receipts r WHERE r.consent_id <> ''
                UNION ALL SELECT r.site, CAST(r.server_time / 86400000 AS INTEGER), 'browser', json_extract(r.receipt, '$.userAgentFamily'), 'granted', c.key FROM receipts r, json_each(json_extract(r.receipt, '$.categories')) c WHERE r.consent_id <> '' AND c.value = 1
              ) t GROUP BY site, dimension, day, value, measure, key;
            CREATE TABLE stats_folded (site TEXT PRIMARY KEY, seq BIGINT NOT NULL);
            ALTER TABLE receipts ADD COLUMN tally TEXT;
            INSERT INTO stats_folded (site, seq) SELECT site, seq FROM heads;
            """),
        (4, """
            CREATE TABLE trees (site TEXT PRIMARY KEY, base INTEGER NOT NULL, size INTEGER NOT NULL, root BLOB NOT NULL);
            CREATE TABLE tree_hashes (site TEXT NOT NULL, idx INTEGER NOT NULL, hash BLOB NOT NULL, PRIMARY KEY (site, idx)) WITHOUT ROWID;
            CREATE TABLE signed_checkpoints (site TEXT NOT NULL, size INTEGER NOT NULL, note TEXT NOT NULL, created INTEGER NOT NULL, PRIMARY KEY (site, size));
            """),
        (5, ReplaysThroughConsentIds),
        (6, AccountLinks),
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
            CREATE TABLE consent_counts (
              site TEXT NOT NULL, dimension TEXT NOT NULL, day INTEGER NOT NULL, value TEXT NOT NULL, measure TEXT NOT NULL, key TEXT NOT NULL, n BIGINT NOT NULL,
              PRIMARY KEY (site, day, dimension, value, measure, key)
            );
            INSERT INTO consent_counts (site, dimension, day, value, measure, key, n)
              SELECT site, dimension, day, value, measure, key, COUNT(*) FROM (
                SELECT r.site AS site, floor(r.server_time / 86400000.0)::int AS day, ''::text AS dimension, ''::text AS value, 'method'::text AS measure, (r.receipt::jsonb->>'method') AS key FROM receipts r WHERE r.consent_id <> ''
                UNION ALL SELECT r.site, floor(r.server_time / 86400000.0)::int, ''::text, ''::text, 'granted'::text, c.key FROM receipts r, jsonb_each(r.receipt::jsonb->'categories') c WHERE r.consent_id <> '' AND c.value = 'true'::jsonb
                UNION ALL SELECT r.site AS site, floor(r.server_time / 86400000.0)::int AS day, 'revision'::text AS dimension, (r.receipt::jsonb->>'revision')::text AS value, 'method'::text AS measure, (r.receipt::jsonb->>'method') AS key FROM receipts r WHERE r.consent_id <> ''
                UNION ALL SELECT r.site, floor(r.server_time / 86400000.0)::int, 'revision'::text, (r.receipt::jsonb->>'revision')::text, 'granted'::text, c.key FROM receipts r, jsonb_each(r.receipt::jsonb->'categories') c WHERE r.consent_id <> '' AND c.value = 'true'::jsonb
                UNION ALL SELECT r.site AS site, floor(r.server_time / 86400000.0)::int AS day, 'language'::text AS dimension, (r.receipt::jsonb->>'language')::text AS value, 'method'::text AS measure, (r.receipt::jsonb->>'method') AS key FROM receipts r WHERE r.consent_id <> ''
                UNION ALL SELECT r.site, floor(r.server_time / 86400000.0)::int, 'language'::text, (r.receipt::jsonb->>'language')::text, 'granted'::text, c.key FROM receipts r, jsonb_each(r.receipt::jsonb->'categories') c WHERE r.consent_id <> '' AND c.value = 'true'::jsonb
                UNION ALL SELECT r.site AS site, floor(r.server_time / 86400000.0)::int AS day, 'browser'::text AS dimension, (r.receipt::jsonb->>'userAgentFamily')::text AS value, 'method'::text AS measure, (r.receipt::jsonb->>'method') AS key FROM receipts r WHERE r.consent_id <> ''
                UNION ALL SELECT r.site, floor(r.server_time / 86400000.0)::int, 'browser'::text, (r.receipt::jsonb->>'userAgentFamily')::text, 'granted'::text, c.key FROM receipts r, jsonb_each(r.receipt::jsonb->'categories') c WHERE r.consent_id <> '' AND c.value = 'true'::jsonb
              ) t GROUP BY site, dimension, day, value, measure, key;
            CREATE TABLE stats_folded (site TEXT PRIMARY KEY, seq BIGINT NOT NULL);
            ALTER TABLE receipts ADD COLUMN tally TEXT;
            INSERT INTO stats_folded (site, seq) SELECT site, seq FROM heads;
            """),
        (4, """
            CREATE TABLE trees (site TEXT PRIMARY KEY, base BIGINT NOT NULL, size BIGINT NOT NULL, root BYTEA NOT NULL);
            CREATE TABLE tree_hashes (site TEXT NOT NULL, idx BIGINT NOT NULL, hash BYTEA NOT NULL, PRIMARY KEY (site, idx));
            CREATE TABLE signed_checkpoints (site TEXT NOT NULL, size BIGINT NOT NULL, note TEXT NOT NULL, created BIGINT NOT NULL, PRIMARY KEY (site, size));
            """),
        (5, ReplaysThroughConsentIds),
        (6, AccountLinks),
    ];

    /// <summary>Which consent id each signed-in account's choice lives under, per site; the account only as its keyed hash.</summary>
    private const string AccountLinks = """
        CREATE TABLE IF NOT EXISTS account_links (site TEXT NOT NULL, account TEXT NOT NULL, consent_id TEXT NOT NULL, updated BIGINT NOT NULL, PRIMARY KEY (site, account));
        """;

    /// <summary>
    /// One index for access requests and replays instead of two: (consent id, receipt id, site) serves a look-up by
    /// consent id (its prefix) and finds a replay (the same receipt sent again carries both ids); being unique, it
    /// also tells a planner without statistics yet that such a look-up finds one row. Each receipt now writes one
    /// index entry on ids, which the banner makes in time order, so inserts land at the index's end.
    /// </summary>
    private const string ReplaysThroughConsentIds = """
        CREATE UNIQUE INDEX receipts_consent_receipt ON receipts (consent_id, receipt_id, site);
        DROP INDEX receipts_consent_id;
        DROP INDEX receipts_receipt_id;
        """;
}
