using Consentry.Ledger.Chain;
using Consentry.Ledger.Receipts;
using Consentry.Ledger.Stats;
using Consentry.Ledger.Transparency;
using Microsoft.Data.Sqlite;

namespace Consentry.Ledger.Stores;

/// <summary>The SQLite store's long-lived writing connection with its prepared statements: the SQL behind <see cref="IChainTransaction"/>.</summary>
internal sealed class WriterConnection : IChainTransaction, IAsyncDisposable
{
    private readonly SqliteCommand _insert;
    private readonly SqliteCommand _head;
    private readonly SqliteCommand _setHead;
    private readonly SqliteCommand _findReceipt;
    private readonly SqliteCommand _checkpoint;
    private readonly Dictionary<int, SqliteCommand> _tally = [];
    private readonly SqliteCommand[] _all;

    private readonly SqliteCommand _readTree;
    private readonly SqliteCommand _insertHash;
    private readonly SqliteCommand _setTree;

    private WriterConnection(SqliteConnection connection, FrontierCache frontiers)
    {
        Connection = connection;
        Frontiers = frontiers;
        _insert = Prepare("INSERT INTO receipts (site, seq, consent_id, server_time, receipt, prev_hash, hash, receipt_id, tally) VALUES ($site, $seq, $cid, $time, $receipt, $prev, $hash, $rid, $tally);",
            ("$site", SqliteType.Text), ("$seq", SqliteType.Integer), ("$cid", SqliteType.Text), ("$time", SqliteType.Integer), ("$receipt", SqliteType.Text), ("$prev", SqliteType.Text), ("$hash", SqliteType.Text), ("$rid", SqliteType.Text), ("$tally", SqliteType.Text));
        _head = Prepare("SELECT seq, hash FROM heads WHERE site = $site;", ("$site", SqliteType.Text));
        _setHead = Prepare("INSERT INTO heads (site, seq, hash) VALUES ($site, $seq, $hash) ON CONFLICT(site) DO UPDATE SET seq = excluded.seq, hash = excluded.hash;",
            ("$site", SqliteType.Text), ("$seq", SqliteType.Integer), ("$hash", SqliteType.Text));
        _findReceipt = Prepare("SELECT site, seq, receipt, prev_hash, hash FROM receipts WHERE consent_id = $cid AND receipt_id = $rid AND site = $site;",
            ("$cid", SqliteType.Text), ("$rid", SqliteType.Text), ("$site", SqliteType.Text));
        _checkpoint = Prepare("INSERT OR REPLACE INTO checkpoints (site, seq, hash, created, reason) VALUES ($site, $seq, $hash, $created, $reason);",
            ("$site", SqliteType.Text), ("$seq", SqliteType.Integer), ("$hash", SqliteType.Text), ("$created", SqliteType.Integer), ("$reason", SqliteType.Text));
        _readTree = Prepare("SELECT base, size, root FROM trees WHERE site = $site;", ("$site", SqliteType.Text));
        _insertHash = Prepare("INSERT INTO tree_hashes (site, idx, hash) VALUES ($site, $idx, $hash);", ("$site", SqliteType.Text), ("$idx", SqliteType.Integer), ("$hash", SqliteType.Blob));
        _setTree = Prepare("INSERT INTO trees (site, base, size, root) VALUES ($site, $base, $size, $root) ON CONFLICT(site) DO UPDATE SET size = excluded.size, root = excluded.root;",
            ("$site", SqliteType.Text), ("$base", SqliteType.Integer), ("$size", SqliteType.Integer), ("$root", SqliteType.Blob));
        _all = [_insert, _head, _setHead, _findReceipt, _checkpoint, _readTree, _insertHash, _setTree];
    }

    public FrontierCache Frontiers { get; }

    public SqliteConnection Connection { get; }

    public static async Task<WriterConnection> OpenAsync(SqliteReceiptStore store, FrontierCache frontiers, CancellationToken cancellationToken) =>
        new(await store.OpenAsync(cancellationToken), frontiers);

    public void Enlist(SqliteTransaction tx)
    {
        foreach (var cmd in _all)
        {
            cmd.Transaction = tx;
        }
    }

    /// <summary>A one-off command in the open write transaction.</summary>
    public SqliteCommand Command(string sql)
    {
        var cmd = Connection.CreateCommand();
        cmd.CommandText = sql;
        cmd.Transaction = _insert.Transaction;
        return cmd;
    }

    public async Task<(long Seq, string Hash)?> LockHeadAsync(string site, CancellationToken cancellationToken)
    {
        // One writing connection under the store's gate, in a serializable transaction: reading is locking enough.
        _head.Parameters[0].Value = site;
        await using var reader = await _head.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? (reader.GetInt64(0), reader.GetString(1)) : null;
    }

    public async Task<IReadOnlyDictionary<ReceiptKey, LedgerEntry>> FindReceiptIdsAsync(IReadOnlyCollection<ReceiptKey> ids, CancellationToken cancellationToken)
    {
        var found = new Dictionary<ReceiptKey, LedgerEntry>();
        foreach (var key in ids)
        {
            _findReceipt.Parameters[0].Value = key.ConsentId;
            _findReceipt.Parameters[1].Value = key.ReceiptId;
            _findReceipt.Parameters[2].Value = key.Site;
            await using var reader = await _findReceipt.ExecuteReaderAsync(cancellationToken);
            if (await reader.ReadAsync(cancellationToken))
            {
                found[key] = SqliteReceiptStore.Entry(reader);
            }
        }

        return found;
    }

    public async Task InsertAsync(LedgerEntry entry, SerializedReceipt receipt, CancellationToken cancellationToken)
    {
        var p = _insert.Parameters;
        p[0].Value = entry.Site;
        p[1].Value = entry.Sequence;
        p[2].Value = receipt.ConsentId;
        p[3].Value = receipt.ServerTime;
        p[4].Value = entry.Receipt;
        p[5].Value = entry.PreviousHash;
        p[6].Value = entry.Hash;
        p[7].Value = (object?)receipt.ReceiptId ?? DBNull.Value;
        p[8].Value = (object?)receipt.Tally ?? DBNull.Value;
        await _insert.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task CheckpointAsync(Checkpoint point, string reason, CancellationToken cancellationToken)
    {
        var p = _checkpoint.Parameters;
        p[0].Value = point.Site;
        p[1].Value = point.Sequence;
        p[2].Value = point.Hash;
        p[3].Value = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        p[4].Value = reason;
        await _checkpoint.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<Checkpoint?> LastBeforeAsync(string site, long before, CancellationToken cancellationToken)
    {
        await using var cmd = Command("SELECT seq, hash FROM receipts WHERE site = $site AND server_time < $before ORDER BY seq DESC LIMIT 1;");
        cmd.Parameters.AddWithValue("$site", site);
        cmd.Parameters.AddWithValue("$before", before);
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? new Checkpoint(site, reader.GetInt64(0), reader.GetString(1)) : null;
    }

    public async Task<int> DeleteThroughAsync(string site, long seq, CancellationToken cancellationToken)
    {
        await using var cmd = Command("DELETE FROM receipts WHERE site = $site AND seq <= $seq;");
        cmd.Parameters.AddWithValue("$site", site);
        cmd.Parameters.AddWithValue("$seq", seq);
        return await cmd.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task TallyAsync(StatsBatch batch, CancellationToken cancellationToken)
    {
        foreach (var chunk in batch.Counts.Chunk(StatsRollup.RowsPerStatement))
        {
            // One statement a chunk (the batch's counts are few: a few dozen rows a day), prepared once per row count.
            if (!_tally.TryGetValue(chunk.Length, out var cmd))
            {
                cmd = Connection.CreateCommand();
                cmd.CommandText = StatsRollup.Upsert(chunk.Length);
                for (var i = 1; i <= chunk.Length * 7; i++)
                {
                    cmd.Parameters.Add(new SqliteParameter { ParameterName = "$" + i.ToString(System.Globalization.CultureInfo.InvariantCulture) });
                }

                _tally[chunk.Length] = cmd;
            }

            cmd.Transaction = _insert.Transaction;
            var p = cmd.Parameters;
            for (var r = 0; r < chunk.Length; r++)
            {
                var ((site, day, dimension, value, measure, key), n) = chunk[r];
                p[(r * 7) + 0].Value = site;
                p[(r * 7) + 1].Value = day;
                p[(r * 7) + 2].Value = dimension;
                p[(r * 7) + 3].Value = value;
                p[(r * 7) + 4].Value = measure;
                p[(r * 7) + 5].Value = key;
                p[(r * 7) + 6].Value = n;
            }

            await cmd.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    /// <summary>The store's gate already makes this the only writer.</summary>
    public Task LockStatsAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task<IReadOnlyList<(string Site, long Folded, long Head)>> UnfoldedAsync(CancellationToken cancellationToken)
    {
        await using var cmd = Command(StatsRollup.BehindSql);
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
        await using var cmd = Command(StatsRollup.GroupSql);
        cmd.Parameters.AddWithValue("$1", site);
        cmd.Parameters.AddWithValue("$2", after);
        cmd.Parameters.AddWithValue("$3", through);
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken);
        var list = new List<FoldRow>();
        while (await reader.ReadAsync(cancellationToken))
        {
            list.Add(new FoldRow(reader.GetInt32(0), reader.GetString(1), reader.GetInt64(2)));
        }

        return list;
    }

    public async Task SetFoldedAsync(string site, long seq, CancellationToken cancellationToken)
    {
        await using var cmd = Command(StatsRollup.FoldedSql);
        cmd.Parameters.AddWithValue("$1", site);
        cmd.Parameters.AddWithValue("$2", seq);
        await cmd.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<LogTree?> ReadTreeAsync(string site, CancellationToken cancellationToken)
    {
        _readTree.Parameters[0].Value = site;
        return await TreeRows.ReadTreeAsync(_readTree, site, cancellationToken);
    }

    public Task<IReadOnlyDictionary<long, byte[]>> ReadHashesAsync(string site, IReadOnlyCollection<long> indexes, CancellationToken cancellationToken) =>
        SqliteTrees.ReadHashesAsync(Connection, _insert.Transaction, site, indexes, cancellationToken);

    public async Task WriteTreeAsync(LogTree tree, IReadOnlyList<(long Index, byte[] Hash)> hashes, CancellationToken cancellationToken)
    {
        _insertHash.Parameters[0].Value = tree.Site;
        foreach (var (index, hash) in hashes)
        {
            _insertHash.Parameters[1].Value = index;
            _insertHash.Parameters[2].Value = hash;
            await _insertHash.ExecuteNonQueryAsync(cancellationToken);
        }

        var p = _setTree.Parameters;
        p[0].Value = tree.Site;
        p[1].Value = tree.Base;
        p[2].Value = tree.Size;
        p[3].Value = Convert.FromBase64String(tree.Root);
        await _setTree.ExecuteNonQueryAsync(cancellationToken);
    }

    public Task<IReadOnlyList<LedgerEntry>> EntriesAfterAsync(string site, long after, int limit, CancellationToken cancellationToken) =>
        SqliteTrees.EntriesAfterAsync(Connection, _insert.Transaction, site, after, limit, cancellationToken);

    public Task<long> PurgedThroughAsync(string site, CancellationToken cancellationToken) =>
        SqliteTrees.PurgedThroughAsync(Connection, _insert.Transaction, site, cancellationToken);

    public Task SaveCheckpointNoteAsync(string site, long size, string note, CancellationToken cancellationToken) =>
        SqliteTrees.SaveNoteAsync(Connection, _insert.Transaction, site, size, note, cancellationToken);

    public Task<bool> ReplaceCheckpointNoteAsync(string site, long size, string current, string replacement, CancellationToken cancellationToken) =>
        SqliteTrees.ReplaceNoteAsync(Connection, _insert.Transaction, site, size, current, replacement, cancellationToken);

    public async Task SetHeadAsync(string site, long seq, string hash, CancellationToken cancellationToken)
    {
        _setHead.Parameters[0].Value = site;
        _setHead.Parameters[1].Value = seq;
        _setHead.Parameters[2].Value = hash;
        await _setHead.ExecuteNonQueryAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var cmd in _all.Concat(_tally.Values))
        {
            await cmd.DisposeAsync();
        }

        await Connection.DisposeAsync();
    }

    private SqliteCommand Prepare(string sql, params (string Name, SqliteType Type)[] parameters)
    {
        var cmd = Connection.CreateCommand();
        cmd.CommandText = sql;
        foreach (var (name, type) in parameters)
        {
            cmd.Parameters.Add(name, type);
        }

        return cmd;
    }
}
