using Consentry.Ledger.Chain;
using Consentry.Ledger.Transparency;
using Npgsql;

namespace Consentry.Ledger.Stores;

/// <summary>The PostgreSQL statements of the sites' trees, for a chain transaction and for readers alike.</summary>
internal static class PostgresTrees
{
    public const string WriteHashesSql = "INSERT INTO tree_hashes (site, idx, hash) SELECT $1, * FROM unnest($2::bigint[], $3::bytea[]);";

    public const string SetTreeSql = "INSERT INTO trees (site, base, size, root) VALUES ($1, $2, $3, $4) ON CONFLICT (site) DO UPDATE SET size = excluded.size, root = excluded.root;";

    public const string SaveNoteSql = "INSERT INTO signed_checkpoints (site, size, note, created) VALUES ($1, $2, $3, $4) ON CONFLICT (site, size) DO NOTHING;";

    public static async Task<IReadOnlyList<LogTree>> UnsignedAsync(NpgsqlConnection c, CancellationToken cancellationToken)
    {
        await using var cmd = new NpgsqlCommand(SqliteTrees.UnsignedSql, c);
        return await TreeRows.ReadTreesAsync(cmd, cancellationToken);
    }

    public static async Task<IReadOnlyList<(long Size, string Note)>> NotesAsync(NpgsqlConnection c, NpgsqlTransaction? tx, string site, long? size, bool newestOnly, CancellationToken cancellationToken)
    {
        await using var cmd = new NpgsqlCommand("SELECT size, note FROM signed_checkpoints WHERE site = $1 AND ($2::bigint IS NULL OR size = $2) ORDER BY size " + (newestOnly ? "DESC LIMIT 1;" : ";"), c, tx);
        cmd.Parameters.AddWithValue(site);
        cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)size ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Bigint });
        return await TreeRows.ReadNotesAsync(cmd, cancellationToken);
    }

    public static async Task<LogTree?> ReadTreeAsync(NpgsqlConnection c, NpgsqlTransaction? tx, string site, CancellationToken cancellationToken)
    {
        await using var cmd = new NpgsqlCommand("SELECT base, size, root FROM trees WHERE site = $1;", c, tx);
        cmd.Parameters.AddWithValue(site);
        return await TreeRows.ReadTreeAsync(cmd, site, cancellationToken);
    }

    public static async Task<IReadOnlyDictionary<long, byte[]>> ReadHashesAsync(NpgsqlConnection c, NpgsqlTransaction? tx, string site, IReadOnlyCollection<long> indexes, CancellationToken cancellationToken)
    {
        if (indexes.Count == 0)
        {
            return new Dictionary<long, byte[]>();
        }

        await using var cmd = new NpgsqlCommand("SELECT idx, hash FROM tree_hashes WHERE site = $1 AND idx = ANY($2);", c, tx);
        cmd.Parameters.AddWithValue(site);
        cmd.Parameters.AddWithValue(indexes.ToArray());
        return await TreeRows.ReadHashesAsync(cmd, indexes.Count, cancellationToken);
    }

    public static async Task<IReadOnlyList<LedgerEntry>> EntriesAfterAsync(NpgsqlConnection c, NpgsqlTransaction? tx, string site, long after, int limit, CancellationToken cancellationToken)
    {
        await using var cmd = new NpgsqlCommand("SELECT site, seq, receipt, prev_hash, hash FROM receipts WHERE site = $1 AND seq > $2 ORDER BY seq LIMIT $3;", c, tx);
        cmd.Parameters.AddWithValue(site);
        cmd.Parameters.AddWithValue(after);
        cmd.Parameters.AddWithValue(limit);
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken);
        var list = new List<LedgerEntry>();
        while (await reader.ReadAsync(cancellationToken))
        {
            list.Add(PostgresReceiptStore.Entry(reader));
        }

        return list;
    }

    public static async Task<long> PurgedThroughAsync(NpgsqlConnection c, NpgsqlTransaction? tx, string site, CancellationToken cancellationToken)
    {
        await using var cmd = new NpgsqlCommand("SELECT COALESCE(MAX(seq), 0) FROM checkpoints WHERE site = $1 AND reason = 'purge';", c, tx);
        cmd.Parameters.AddWithValue(site);
        return (long)(await cmd.ExecuteScalarAsync(cancellationToken))!;
    }
}
