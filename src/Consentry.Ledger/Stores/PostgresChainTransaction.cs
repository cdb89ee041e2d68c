using Consentry.Ledger.Chain;
using Consentry.Ledger.Receipts;
using Consentry.Ledger.Stats;
using Consentry.Ledger.Transparency;
using Npgsql;

namespace Consentry.Ledger.Stores;

/// <summary>
/// The SQL behind <see cref="IChainTransaction"/> on PostgreSQL. Reads run at once; inserts, checkpoints and
/// head moves are collected into one batch the store sends before committing (one round trip per commit).
/// </summary>
internal sealed class PostgresChainTransaction(NpgsqlConnection connection, NpgsqlTransaction transaction, FrontierCache frontiers) : IChainTransaction, IAsyncDisposable
{
    public FrontierCache Frontiers => frontiers;

    private readonly NpgsqlBatch _batch = new(connection, transaction);

    public async Task<(long Seq, string Hash)?> LockHeadAsync(string site, CancellationToken cancellationToken)
    {
        // A transaction-scoped advisory lock per site: instances never fork a chain.
        await using (var lockCmd = new NpgsqlCommand("SELECT pg_advisory_xact_lock(7431002, hashtext($1));", connection, transaction))
        {
            lockCmd.Parameters.AddWithValue(site);
            await lockCmd.ExecuteNonQueryAsync(cancellationToken);
        }

        await using var cmd = new NpgsqlCommand("SELECT seq, hash FROM heads WHERE site = $1;", connection, transaction);
        cmd.Parameters.AddWithValue(site);
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? (reader.GetInt64(0), reader.GetString(1)) : null;
    }

    public async Task<IReadOnlyDictionary<ReceiptKey, LedgerEntry>> FindReceiptIdsAsync(IReadOnlyCollection<ReceiptKey> ids, CancellationToken cancellationToken)
    {
        await using var cmd = new NpgsqlCommand(
            "SELECT r.site, r.seq, r.receipt, r.prev_hash, r.hash, r.consent_id, r.receipt_id FROM unnest($1::text[], $2::text[], $3::text[]) AS k(cid, rid, site) " +
            "JOIN receipts r ON r.consent_id = k.cid AND r.receipt_id = k.rid AND r.site = k.site;",
            connection, transaction);
        cmd.Parameters.AddWithValue(ids.Select(i => i.ConsentId).ToArray());
        cmd.Parameters.AddWithValue(ids.Select(i => i.ReceiptId).ToArray());
        cmd.Parameters.AddWithValue(ids.Select(i => i.Site).ToArray());
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken);
        var found = new Dictionary<ReceiptKey, LedgerEntry>();
        while (await reader.ReadAsync(cancellationToken))
        {
            found[new ReceiptKey(reader.GetString(0), reader.GetString(5), reader.GetString(6))] = PostgresReceiptStore.Entry(reader);
        }

        return found;
    }

    public Task InsertAsync(LedgerEntry entry, SerializedReceipt receipt, CancellationToken cancellationToken)
    {
        // Collected, and sent as one statement over arrays when anything else is added or the batch is sent: one
        // statement a commit instead of one a receipt (each is parsed and planned by the server).
        _rows.Add((entry, receipt));
        return Task.CompletedTask;
    }

    private readonly List<(LedgerEntry Entry, SerializedReceipt Receipt)> _rows = [];

    private void AddRows()
    {
        if (_rows.Count == 0)
        {
            return;
        }

        // WITH ORDINALITY ... ORDER BY: the rows take their ids in sequence order, which verify checks.
        AddCommand(
            "INSERT INTO receipts (site, seq, consent_id, server_time, receipt, prev_hash, hash, receipt_id, tally) " +
            "SELECT site, seq, cid, time, receipt, prev, hash, rid, tally FROM unnest($1::text[], $2::bigint[], $3::text[], $4::bigint[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[]) " +
            "WITH ORDINALITY AS u(site, seq, cid, time, receipt, prev, hash, rid, tally, n) ORDER BY n;",
            _rows.Select(r => r.Entry.Site).ToArray(), _rows.Select(r => r.Entry.Sequence).ToArray(), _rows.Select(r => r.Receipt.ConsentId).ToArray(),
            _rows.Select(r => r.Receipt.ServerTime).ToArray(), _rows.Select(r => r.Entry.Receipt).ToArray(), _rows.Select(r => r.Entry.PreviousHash).ToArray(),
            _rows.Select(r => r.Entry.Hash).ToArray(), _rows.Select(r => r.Receipt.ReceiptId).ToArray(), _rows.Select(r => r.Receipt.Tally).ToArray());
        _rows.Clear();
    }

    public Task CheckpointAsync(Checkpoint point, string reason, CancellationToken cancellationToken)
    {
        Add("INSERT INTO checkpoints (site, seq, hash, created, reason) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (site, seq) DO UPDATE SET hash = excluded.hash, reason = excluded.reason;",
            point.Site, point.Sequence, point.Hash, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), reason);
        return Task.CompletedTask;
    }

    public async Task<Checkpoint?> LastBeforeAsync(string site, long before, CancellationToken cancellationToken)
    {
        await using var cmd = new NpgsqlCommand("SELECT seq, hash FROM receipts WHERE site = $1 AND server_time < $2 ORDER BY seq DESC LIMIT 1;", connection, transaction);
        cmd.Parameters.AddWithValue(site);
        cmd.Parameters.AddWithValue(before);
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? new Checkpoint(site, reader.GetInt64(0), reader.GetString(1)) : null;
    }

    public async Task<int> DeleteThroughAsync(string site, long seq, CancellationToken cancellationToken)
    {
        await using var cmd = new NpgsqlCommand("DELETE FROM receipts WHERE site = $1 AND seq <= $2;", connection, transaction);
        cmd.Parameters.AddWithValue(site);
        cmd.Parameters.AddWithValue(seq);
        return await cmd.ExecuteNonQueryAsync(cancellationToken);
    }

    public Task TallyAsync(StatsBatch batch, CancellationToken cancellationToken)
    {
        // One statement for the whole batch: its counts as arrays, keys unique (summed in memory first).
        var counts = batch.Counts.ToList();
        Add("INSERT INTO consent_counts (site, day, dimension, value, measure, key, n) SELECT * FROM unnest($1::text[], $2::int[], $3::text[], $4::text[], $5::text[], $6::text[], $7::bigint[]) " +
            "ON CONFLICT (site, day, dimension, value, measure, key) DO UPDATE SET n = consent_counts.n + excluded.n;",
            counts.Select(c => c.Key.Site).ToArray(), counts.Select(c => c.Key.Day).ToArray(), counts.Select(c => c.Key.Dimension).ToArray(),
            counts.Select(c => c.Key.Value).ToArray(), counts.Select(c => c.Key.Measure).ToArray(), counts.Select(c => c.Key.Key).ToArray(), counts.Select(c => c.Value).ToArray());
        return Task.CompletedTask;
    }

    public async Task LockStatsAsync(CancellationToken cancellationToken)
    {
        // One instance folds at a time; another waits, then finds nothing left to fold.
        await using var cmd = new NpgsqlCommand("SELECT pg_advisory_xact_lock(7431004);", connection, transaction);
        await cmd.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<(string Site, long Folded, long Head)>> UnfoldedAsync(CancellationToken cancellationToken)
    {
        await using var cmd = new NpgsqlCommand(StatsRollup.BehindSql, connection, transaction);
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken);
        var list = new List<(string, long, long)>();
        while (await reader.ReadAsync(cancellationToken))
        {
            list.Add((reader.GetString(0), reader.GetInt64(1), reader.GetInt64(2)));
        }

        return list;
    }

    public async Task<IReadOnlyList<FoldRow>> GroupAfterAsync(string site, long after, long through, CancellationToken cancellationToken)
    {
        await using var cmd = new NpgsqlCommand(StatsRollup.GroupSql, connection, transaction);
        cmd.Parameters.AddWithValue(site);
        cmd.Parameters.AddWithValue(after);
        cmd.Parameters.AddWithValue(through);
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken);
        var list = new List<FoldRow>();
        while (await reader.ReadAsync(cancellationToken))
        {
            list.Add(new FoldRow(reader.GetInt32(0), reader.GetString(1), reader.GetInt64(2)));
        }

        return list;
    }

    public Task SetFoldedAsync(string site, long seq, CancellationToken cancellationToken)
    {
        Add(StatsRollup.FoldedSql, site, seq);
        return Task.CompletedTask;
    }

    public Task<LogTree?> ReadTreeAsync(string site, CancellationToken cancellationToken) =>
        PostgresTrees.ReadTreeAsync(connection, transaction, site, cancellationToken);

    public Task<IReadOnlyDictionary<long, byte[]>> ReadHashesAsync(string site, IReadOnlyCollection<long> indexes, CancellationToken cancellationToken) =>
        PostgresTrees.ReadHashesAsync(connection, transaction, site, indexes, cancellationToken);

    public Task WriteTreeAsync(LogTree tree, IReadOnlyList<(long Index, byte[] Hash)> hashes, CancellationToken cancellationToken)
    {
        Add(PostgresTrees.WriteHashesSql, tree.Site, hashes.Select(h => h.Index).ToArray(), hashes.Select(h => h.Hash).ToArray());
        Add(PostgresTrees.SetTreeSql, tree.Site, tree.Base, tree.Size, Convert.FromBase64String(tree.Root));
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<LedgerEntry>> EntriesAfterAsync(string site, long after, int limit, CancellationToken cancellationToken) =>
        PostgresTrees.EntriesAfterAsync(connection, transaction, site, after, limit, cancellationToken);

    public Task<long> PurgedThroughAsync(string site, CancellationToken cancellationToken) =>
        PostgresTrees.PurgedThroughAsync(connection, transaction, site, cancellationToken);

    public Task SaveCheckpointNoteAsync(string site, long size, string note, CancellationToken cancellationToken)
    {
        Add(PostgresTrees.SaveNoteSql, site, size, note, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
        return Task.CompletedTask;
    }

    public async Task<bool> ReplaceCheckpointNoteAsync(string site, long size, string current, string replacement, CancellationToken cancellationToken)
    {
        await using var cmd = new NpgsqlCommand("UPDATE signed_checkpoints SET note = $1 WHERE site = $2 AND size = $3 AND note = $4;", connection, transaction);
        cmd.Parameters.AddWithValue(replacement);
        cmd.Parameters.AddWithValue(site);
        cmd.Parameters.AddWithValue(size);
        cmd.Parameters.AddWithValue(current);
        return await cmd.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public Task SetHeadAsync(string site, long seq, string hash, CancellationToken cancellationToken)
    {
        Add("INSERT INTO heads (site, seq, hash) VALUES ($1, $2, $3) ON CONFLICT (site) DO UPDATE SET seq = excluded.seq, hash = excluded.hash;", site, seq, hash);
        return Task.CompletedTask;
    }

    /// <summary>Sends the collected writes; the caller commits.</summary>
    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        AddRows();
        if (_batch.BatchCommands.Count > 0)
        {
            await _batch.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    public ValueTask DisposeAsync() => _batch.DisposeAsync();

    private void Add(string sql, params object[] values)
    {
        AddRows();
        AddCommand(sql, values);
    }

    private void AddCommand(string sql, params object[] values)
    {
        var cmd = new NpgsqlBatchCommand(sql);
        foreach (var v in values)
        {
            cmd.Parameters.Add(v is DBNull ? new NpgsqlParameter { Value = v, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text } : new NpgsqlParameter { Value = v });
        }

        _batch.BatchCommands.Add(cmd);
    }
}
