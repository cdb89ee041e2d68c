using Consentry.Ledger.Chain;
using Consentry.Ledger.Transparency;
using Microsoft.Data.Sqlite;

namespace Consentry.Ledger.Stores;

/// <summary>The SQLite statements of the sites' trees, for the writer's transaction and for readers alike.</summary>
internal static class SqliteTrees
{
    public static async Task<LogTree?> ReadTreeAsync(SqliteConnection c, SqliteTransaction? tx, string site, CancellationToken cancellationToken)
    {
        await using var cmd = Command(c, tx, "SELECT base, size, root FROM trees WHERE site = $site;");
        cmd.Parameters.AddWithValue("$site", site);
        return await TreeRows.ReadTreeAsync(cmd, site, cancellationToken);
    }

    public static async Task<IReadOnlyDictionary<long, byte[]>> ReadHashesAsync(SqliteConnection c, SqliteTransaction? tx, string site, IReadOnlyCollection<long> indexes, CancellationToken cancellationToken)
    {
        if (indexes.Count == 0)
        {
            return new Dictionary<long, byte[]>();
        }

        await using var cmd = Command(c, tx, "SELECT idx, hash FROM tree_hashes WHERE site = $site AND idx IN (SELECT value FROM json_each($indexes));");
        cmd.Parameters.AddWithValue("$site", site);
        cmd.Parameters.AddWithValue("$indexes", "[" + string.Join(',', indexes) + "]");
        return await TreeRows.ReadHashesAsync(cmd, indexes.Count, cancellationToken);
    }

    public static async Task<IReadOnlyList<LedgerEntry>> EntriesAfterAsync(SqliteConnection c, SqliteTransaction? tx, string site, long after, int limit, CancellationToken cancellationToken)
    {
        await using var cmd = Command(c, tx, "SELECT site, seq, receipt, prev_hash, hash FROM receipts WHERE site = $site AND seq > $after ORDER BY seq LIMIT $limit;");
        cmd.Parameters.AddWithValue("$site", site);
        cmd.Parameters.AddWithValue("$after", after);
        cmd.Parameters.AddWithValue("$limit", limit);
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken);
        var list = new List<LedgerEntry>();
        while (await reader.ReadAsync(cancellationToken))
        {
            list.Add(SqliteReceiptStore.Entry(reader));
        }

        return list;
    }

    public static async Task<long> PurgedThroughAsync(SqliteConnection c, SqliteTransaction? tx, string site, CancellationToken cancellationToken)
    {
        await using var cmd = Command(c, tx, "SELECT COALESCE(MAX(seq), 0) FROM checkpoints WHERE site = $site AND reason = 'purge';");
        cmd.Parameters.AddWithValue("$site", site);
        return Convert.ToInt64(await cmd.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
    }

    public const string UnsignedSql = "SELECT site, base, size, root FROM trees t WHERE size > COALESCE((SELECT MAX(size) FROM signed_checkpoints s WHERE s.site = t.site), 0) ORDER BY site;";

    public static async Task<IReadOnlyList<LogTree>> UnsignedAsync(SqliteConnection c, CancellationToken cancellationToken)
    {
        await using var cmd = Command(c, null, UnsignedSql);
        return await TreeRows.ReadTreesAsync(cmd, cancellationToken);
    }

    public static async Task<IReadOnlyList<(long Size, string Note)>> NotesAsync(SqliteConnection c, SqliteTransaction? tx, string site, long? size, bool newestOnly, CancellationToken cancellationToken)
    {
        await using var cmd = Command(c, tx, "SELECT size, note FROM signed_checkpoints WHERE site = $site AND ($size IS NULL OR size = $size) ORDER BY size " + (newestOnly ? "DESC LIMIT 1;" : ";"));
        cmd.Parameters.AddWithValue("$site", site);
        cmd.Parameters.AddWithValue("$size", (object?)size ?? DBNull.Value);
        return await TreeRows.ReadNotesAsync(cmd, cancellationToken);
    }

    public static async Task SaveNoteAsync(SqliteConnection c, SqliteTransaction? tx, string site, long size, string note, CancellationToken cancellationToken)
    {
        await using var cmd = Command(c, tx, "INSERT OR IGNORE INTO signed_checkpoints (site, size, note, created) VALUES ($site, $size, $note, $created);");
        cmd.Parameters.AddWithValue("$site", site);
        cmd.Parameters.AddWithValue("$size", size);
        cmd.Parameters.AddWithValue("$note", note);
        cmd.Parameters.AddWithValue("$created", DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
        await cmd.ExecuteNonQueryAsync(cancellationToken);
    }

    public static async Task<bool> ReplaceNoteAsync(SqliteConnection c, SqliteTransaction? tx, string site, long size, string current, string replacement, CancellationToken cancellationToken)
    {
        await using var cmd = Command(c, tx, "UPDATE signed_checkpoints SET note = $new WHERE site = $site AND size = $size AND note = $old;");
        cmd.Parameters.AddWithValue("$new", replacement);
        cmd.Parameters.AddWithValue("$site", site);
        cmd.Parameters.AddWithValue("$size", size);
        cmd.Parameters.AddWithValue("$old", current);
        return await cmd.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    private static SqliteCommand Command(SqliteConnection c, SqliteTransaction? tx, string sql)
    {
        var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        cmd.Transaction = tx;
        return cmd;
    }
}
