using System.Data.Common;
using System.Net.Sockets;
using Consentry.Ledger.Chain;
using Consentry.Ledger.Transparency;

namespace Consentry.Ledger.Stores;

/// <summary>
/// A <see cref="ILedgerSnapshot"/> over any ADO.NET store with Consentry's tables: one connection in one read
/// transaction (SQLite: deferred, so in WAL mode it sees the file as at its first read and never blocks the writer;
/// PostgreSQL: repeatable read, one snapshot for every statement).
/// </summary>
/// <param name="c">The open connection, owned.</param>
/// <param name="tx">The read transaction, owned.</param>
/// <param name="ledger">How errors name the ledger ("The SQLite ledger /path").</param>
/// <param name="rowIdsSql">The store's row-id bookkeeping query (highest stored, highest assigned), or null where ids prove nothing.</param>
internal sealed class DbSnapshot(DbConnection c, DbTransaction tx, string ledger, string? rowIdsSql) : ILedgerSnapshot
{
    public Task<IReadOnlyList<string>> SitesAsync(CancellationToken cancellationToken) =>
        ListAsync("SELECT site FROM receipts UNION SELECT site FROM heads ORDER BY 1;", null, r => r.GetString(0), cancellationToken);

    public Task<Checkpoint?> StartAsync(string site, CancellationToken cancellationToken) =>
        PointAsync("SELECT seq, hash FROM checkpoints WHERE site = @site AND reason = 'purge' ORDER BY seq DESC LIMIT 1;", site, cancellationToken);

    public Task<Checkpoint?> HeadAsync(string site, CancellationToken cancellationToken) =>
        PointAsync("SELECT seq, hash FROM heads WHERE site = @site;", site, cancellationToken);

    public Task<IReadOnlyList<StoredRow>> RowsAsync(string site, CancellationToken cancellationToken) =>
        ListAsync("SELECT site, seq, receipt, prev_hash, hash, id, consent_id, server_time, receipt_id, tally FROM receipts WHERE site = @site ORDER BY id;", site,
            r => new StoredRow(r.GetInt64(5), new LedgerEntry(r.GetString(0), r.GetInt64(1), r.GetString(2), r.GetString(3), r.GetString(4)),
                r.GetString(6), r.GetInt64(7), r.IsDBNull(8) ? null : r.GetString(8), r.IsDBNull(9) ? null : r.GetString(9)), cancellationToken);

    public Task<IReadOnlyList<(Checkpoint Point, string Reason)>> CheckpointsAsync(string site, CancellationToken cancellationToken) =>
        ListAsync("SELECT seq, hash, reason FROM checkpoints WHERE site = @site ORDER BY seq;", site, r => (new Checkpoint(site, r.GetInt64(0), r.GetString(1)), r.GetString(2)), cancellationToken);

    public Task<LogTree?> TreeAsync(string site, CancellationToken cancellationToken) =>
        ReadAsync(async () =>
        {
            await using var cmd = Command("SELECT base, size, root FROM trees WHERE site = @site;", site);
            return await TreeRows.ReadTreeAsync(cmd, site, cancellationToken);
        });

    public Task<IReadOnlyList<(long Index, byte[] Hash)>> TreeHashesAsync(string site, CancellationToken cancellationToken) =>
        ListAsync("SELECT idx, hash FROM tree_hashes WHERE site = @site;", site, r => (r.GetInt64(0), (byte[])r.GetValue(1)), cancellationToken);

    public Task<IReadOnlyList<(long Size, string Note)>> NotesAsync(string site, CancellationToken cancellationToken) =>
        ListAsync("SELECT size, note FROM signed_checkpoints WHERE site = @site ORDER BY size;", site, r => (r.GetInt64(0), r.GetString(1)), cancellationToken);

    public async Task<(long Stored, long Assigned)?> RowIdsAsync(CancellationToken cancellationToken)
    {
        if (rowIdsSql is null)
        {
            return null;
        }

        var rows = await ListAsync(rowIdsSql, null, r => r.IsDBNull(1) ? ((long, long)?)null : (r.GetInt64(0), r.GetInt64(1)), cancellationToken);
        return rows.Count == 0 ? null : rows[0];
    }

    public async ValueTask DisposeAsync()
    {
        await tx.DisposeAsync();
        await c.DisposeAsync();
    }

    private async Task<Checkpoint?> PointAsync(string sql, string site, CancellationToken cancellationToken)
    {
        var points = await ListAsync(sql, site, r => new Checkpoint(site, r.GetInt64(0), r.GetString(1)), cancellationToken);
        return points.Count == 0 ? null : points[0];
    }

    private Task<IReadOnlyList<T>> ListAsync<T>(string sql, string? site, Func<DbDataReader, T> read, CancellationToken cancellationToken) =>
        ReadAsync<IReadOnlyList<T>>(async () =>
        {
            await using var cmd = Command(sql, site);
            await using var reader = await cmd.ExecuteReaderAsync(cancellationToken);
            var list = new List<T>();
            while (await reader.ReadAsync(cancellationToken))
            {
                list.Add(read(reader));
            }

            return list;
        });

    private async Task<T> ReadAsync<T>(Func<Task<T>> read)
    {
        try
        {
            return await read();
        }
        catch (Exception e) when (e is DbException or IOException or SocketException or TimeoutException)
        {
            throw new LedgerUnavailableException($"{ledger} could not be read: {e.Message}", e);
        }
    }

    private DbCommand Command(string sql, string? site)
    {
        var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        cmd.Transaction = tx;
        if (site is not null)
        {
            var p = cmd.CreateParameter();
            p.ParameterName = "@site";
            p.Value = site;
            cmd.Parameters.Add(p);
        }

        return cmd;
    }
}
