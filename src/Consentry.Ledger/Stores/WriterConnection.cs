using Consentry.Ledger.Chain;
using Consentry.Ledger.Receipts;
using Microsoft.Data.Sqlite;

namespace Consentry.Ledger.Stores;

/// <summary>The SQLite store's long-lived writing connection with its prepared statements.</summary>
internal sealed class WriterConnection : IAsyncDisposable
{
    private readonly SqliteCommand _insert;
    private readonly SqliteCommand _head;
    private readonly SqliteCommand _setHead;

    private WriterConnection(SqliteConnection connection)
    {
        Connection = connection;
        _insert = Prepare("INSERT INTO receipts (site, seq, consent_id, server_time, receipt, prev_hash, hash) VALUES ($site, $seq, $cid, $time, $receipt, $prev, $hash);",
            ("$site", SqliteType.Text), ("$seq", SqliteType.Integer), ("$cid", SqliteType.Text), ("$time", SqliteType.Integer), ("$receipt", SqliteType.Text), ("$prev", SqliteType.Text), ("$hash", SqliteType.Text));
        _head = Prepare("SELECT seq, hash FROM heads WHERE site = $site;", ("$site", SqliteType.Text));
        _setHead = Prepare("INSERT INTO heads (site, seq, hash) VALUES ($site, $seq, $hash) ON CONFLICT(site) DO UPDATE SET seq = excluded.seq, hash = excluded.hash;",
            ("$site", SqliteType.Text), ("$seq", SqliteType.Integer), ("$hash", SqliteType.Text));
    }

    public SqliteConnection Connection { get; }

    public static async Task<WriterConnection> OpenAsync(SqliteReceiptStore store, CancellationToken cancellationToken) =>
        new(await store.OpenAsync(cancellationToken));

    public void Enlist(SqliteTransaction tx)
    {
        _insert.Transaction = tx;
        _head.Transaction = tx;
        _setHead.Transaction = tx;
    }

    public async Task InsertAsync(LedgerEntry entry, SerializedReceipt r, CancellationToken cancellationToken)
    {
        var p = _insert.Parameters;
        p[0].Value = entry.Site;
        p[1].Value = entry.Sequence;
        p[2].Value = r.ConsentId;
        p[3].Value = r.ServerTime;
        p[4].Value = entry.Receipt;
        p[5].Value = entry.PreviousHash;
        p[6].Value = entry.Hash;
        await _insert.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<(long Seq, string Hash)?> HeadAsync(string site, CancellationToken cancellationToken)
    {
        _head.Parameters[0].Value = site;
        await using var reader = await _head.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? (reader.GetInt64(0), reader.GetString(1)) : null;
    }

    public async Task SetHeadAsync(string site, long seq, string hash, CancellationToken cancellationToken)
    {
        _setHead.Parameters[0].Value = site;
        _setHead.Parameters[1].Value = seq;
        _setHead.Parameters[2].Value = hash;
        await _setHead.ExecuteNonQueryAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await _insert.DisposeAsync();
        await _head.DisposeAsync();
        await _setHead.DisposeAsync();
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
