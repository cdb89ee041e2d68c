using System.Net.Sockets;
using System.Runtime.CompilerServices;
using Consentry.Ledger.Chain;
using Consentry.Ledger.Receipts;
using Npgsql;

namespace Consentry.Ledger.Stores;

/// <summary>
/// The store for scale: PostgreSQL, shared by any number of <c>consentry serve</c> instances. Each site's
/// chain is extended under a transaction-scoped advisory lock, so instances never fork it; a commit
/// returns after PostgreSQL has flushed it (synchronous_commit on). A server that is down or restarting
/// surfaces as <see cref="LedgerUnavailableException"/>; the next call reconnects.
/// </summary>
public sealed class PostgresReceiptStore : IReceiptStore
{
    private const int CheckpointEvery = 1000;
    private readonly NpgsqlDataSource _source;

    /// <summary>Connects with an Npgsql connection string, e.g. <c>Host=127.0.0.1;Port=5432;Database=consentry;Username=consentry</c>.</summary>
    public PostgresReceiptStore(string connectionString)
    {
        ArgumentException.ThrowIfNullOrEmpty(connectionString);
        _source = NpgsqlDataSource.Create(connectionString);
    }

    /// <inheritdoc />
    public Task MigrateAsync(CancellationToken cancellationToken = default) => GuardAsync(async () =>
    {
        await using var c = await _source.OpenConnectionAsync(cancellationToken);
        await using var tx = await c.BeginTransactionAsync(cancellationToken);
        await ExecAsync(c, tx, "SELECT pg_advisory_xact_lock(7431001);", cancellationToken); // one migrating instance at a time
        await ExecAsync(c, tx, "CREATE TABLE IF NOT EXISTS schema_version (version BIGINT NOT NULL);", cancellationToken);
        await using (var v = new NpgsqlCommand("SELECT COALESCE(MAX(version), 0) FROM schema_version;", c, tx))
        {
            var version = (long)(await v.ExecuteScalarAsync(cancellationToken))!;
            foreach (var (target, sql) in Migrations.Postgres.Where(m => m.Version > version))
            {
                await ExecAsync(c, tx, sql, cancellationToken);
                await ExecAsync(c, tx, $"INSERT INTO schema_version (version) VALUES ({target});", cancellationToken);
            }
        }

        await tx.CommitAsync(cancellationToken);
        return 0;
    });

    /// <inheritdoc />
    public Task<IReadOnlyList<LedgerEntry>> AppendAsync(IReadOnlyList<SerializedReceipt> receipts, CancellationToken cancellationToken = default) => GuardAsync<IReadOnlyList<LedgerEntry>>(async () =>
    {
        ArgumentNullException.ThrowIfNull(receipts);
        await using var c = await _source.OpenConnectionAsync(cancellationToken);
        await using var tx = await c.BeginTransactionAsync(cancellationToken);
        var heads = new Dictionary<string, (long Seq, string Hash)>(StringComparer.Ordinal);
        foreach (var site in receipts.Select(r => r.Site).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            // Sorted lock order: two instances with overlapping sites cannot deadlock.
            await using var lockCmd = new NpgsqlCommand("SELECT pg_advisory_xact_lock(7431002, hashtext($1));", c, tx);
            lockCmd.Parameters.AddWithValue(site);
            await lockCmd.ExecuteNonQueryAsync(cancellationToken);
            heads[site] = await ReadHeadAsync(c, tx, site, cancellationToken) ?? (0, HashChain.Genesis);
        }

        var result = new List<LedgerEntry>(receipts.Count);
        await using var batch = new NpgsqlBatch(c, tx);
        foreach (var r in receipts)
        {
            var head = heads[r.Site];
            var entry = HashChain.Next(r.Site, head.Seq + 1, head.Hash, r.Json);
            var insert = new NpgsqlBatchCommand("INSERT INTO receipts (site, seq, consent_id, server_time, receipt, prev_hash, hash) VALUES ($1, $2, $3, $4, $5, $6, $7);");
            insert.Parameters.AddWithValue(entry.Site);
            insert.Parameters.AddWithValue(entry.Sequence);
            insert.Parameters.AddWithValue(r.ConsentId);
            insert.Parameters.AddWithValue(r.ServerTime);
            insert.Parameters.AddWithValue(entry.Receipt);
            insert.Parameters.AddWithValue(entry.PreviousHash);
            insert.Parameters.AddWithValue(entry.Hash);
            batch.BatchCommands.Add(insert);
            if (entry.Sequence % CheckpointEvery == 0)
            {
                batch.BatchCommands.Add(Checkpoint(entry.Site, entry.Sequence, entry.Hash, "periodic"));
            }

            heads[r.Site] = (entry.Sequence, entry.Hash);
            result.Add(entry);
        }

        foreach (var (site, head) in heads)
        {
            var upsert = new NpgsqlBatchCommand("INSERT INTO heads (site, seq, hash) VALUES ($1, $2, $3) ON CONFLICT (site) DO UPDATE SET seq = excluded.seq, hash = excluded.hash;");
            upsert.Parameters.AddWithValue(site);
            upsert.Parameters.AddWithValue(head.Seq);
            upsert.Parameters.AddWithValue(head.Hash);
            batch.BatchCommands.Add(upsert);
        }

        await batch.ExecuteNonQueryAsync(cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return result;
    });

    /// <inheritdoc />
    public Task<IReadOnlyList<string>> SitesAsync(CancellationToken cancellationToken = default) => GuardAsync<IReadOnlyList<string>>(async () =>
    {
        await using var c = await _source.OpenConnectionAsync(cancellationToken);
        await using var cmd = new NpgsqlCommand("SELECT site FROM receipts UNION SELECT site FROM heads ORDER BY 1;", c);
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken);
        var sites = new List<string>();
        while (await reader.ReadAsync(cancellationToken))
        {
            sites.Add(reader.GetString(0));
        }

        return sites;
    });

    /// <inheritdoc />
    public async IAsyncEnumerable<LedgerEntry> ReadAsync(string site, DateTimeOffset? from = null, DateTimeOffset? to = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        NpgsqlConnection c;
        try
        {
            c = await _source.OpenConnectionAsync(cancellationToken);
        }
        catch (Exception e) when (IsOutage(e))
        {
            throw Unavailable(e);
        }

        await using (c)
        {
            await using var cmd = new NpgsqlCommand("SELECT site, seq, receipt, prev_hash, hash FROM receipts WHERE site = $1 AND server_time >= $2 AND server_time < $3 ORDER BY id;", c);
            cmd.Parameters.AddWithValue(site);
            cmd.Parameters.AddWithValue(from?.ToUnixTimeMilliseconds() ?? long.MinValue);
            cmd.Parameters.AddWithValue(to?.ToUnixTimeMilliseconds() ?? long.MaxValue);
            await using var reader = await cmd.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                yield return new LedgerEntry(reader.GetString(0), reader.GetInt64(1), reader.GetString(2), reader.GetString(3), reader.GetString(4));
            }
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<LedgerEntry>> FindAsync(string consentId, CancellationToken cancellationToken = default) => GuardAsync<IReadOnlyList<LedgerEntry>>(async () =>
    {
        await using var c = await _source.OpenConnectionAsync(cancellationToken);
        await using var cmd = new NpgsqlCommand("SELECT site, seq, receipt, prev_hash, hash FROM receipts WHERE consent_id = $1 ORDER BY server_time, id;", c);
        cmd.Parameters.AddWithValue(consentId);
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken);
        var list = new List<LedgerEntry>();
        while (await reader.ReadAsync(cancellationToken))
        {
            list.Add(new LedgerEntry(reader.GetString(0), reader.GetInt64(1), reader.GetString(2), reader.GetString(3), reader.GetString(4)));
        }

        return list;
    });

    /// <inheritdoc />
    public Task<Checkpoint?> StartAsync(string site, CancellationToken cancellationToken = default) =>
        PointAsync("SELECT seq, hash FROM checkpoints WHERE site = $1 AND reason = 'purge' ORDER BY seq DESC LIMIT 1;", site, cancellationToken);

    /// <inheritdoc />
    public Task<Checkpoint?> HeadAsync(string site, CancellationToken cancellationToken = default) =>
        PointAsync("SELECT seq, hash FROM heads WHERE site = $1;", site, cancellationToken);

    /// <inheritdoc />
    public Task<int> PurgeBeforeAsync(string site, DateTimeOffset before, CancellationToken cancellationToken = default) => GuardAsync(async () =>
    {
        await using var c = await _source.OpenConnectionAsync(cancellationToken);
        await using var tx = await c.BeginTransactionAsync(cancellationToken);
        await using (var lockCmd = new NpgsqlCommand("SELECT pg_advisory_xact_lock(7431002, hashtext($1));", c, tx))
        {
            lockCmd.Parameters.AddWithValue(site);
            await lockCmd.ExecuteNonQueryAsync(cancellationToken);
        }

        long seq;
        string hash;
        await using (var last = new NpgsqlCommand("SELECT seq, hash FROM receipts WHERE site = $1 AND server_time < $2 ORDER BY seq DESC LIMIT 1;", c, tx))
        {
            last.Parameters.AddWithValue(site);
            last.Parameters.AddWithValue(before.ToUnixTimeMilliseconds());
            await using var reader = await last.ExecuteReaderAsync(cancellationToken);
            if (!await reader.ReadAsync(cancellationToken))
            {
                return 0;
            }

            (seq, hash) = (reader.GetInt64(0), reader.GetString(1));
        }

        await using var batch = new NpgsqlBatch(c, tx);
        batch.BatchCommands.Add(Checkpoint(site, seq, hash, "purge"));
        var delete = new NpgsqlBatchCommand("DELETE FROM receipts WHERE site = $1 AND seq <= $2;");
        delete.Parameters.AddWithValue(site);
        delete.Parameters.AddWithValue(seq);
        batch.BatchCommands.Add(delete);
        await batch.ExecuteNonQueryAsync(cancellationToken);
        var count = delete.RecordsAffected;
        await tx.CommitAsync(cancellationToken);
        return (int)count;
    });

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _source.DisposeAsync();

    private Task<Checkpoint?> PointAsync(string sql, string site, CancellationToken cancellationToken) => GuardAsync(async () =>
    {
        await using var c = await _source.OpenConnectionAsync(cancellationToken);
        await using var cmd = new NpgsqlCommand(sql, c);
        cmd.Parameters.AddWithValue(site);
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? new Checkpoint(site, reader.GetInt64(0), reader.GetString(1)) : null;
    });

    private static NpgsqlBatchCommand Checkpoint(string site, long seq, string hash, string reason)
    {
        var cmd = new NpgsqlBatchCommand("INSERT INTO checkpoints (site, seq, hash, created, reason) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (site, seq) DO UPDATE SET hash = excluded.hash, reason = excluded.reason;");
        cmd.Parameters.AddWithValue(site);
        cmd.Parameters.AddWithValue(seq);
        cmd.Parameters.AddWithValue(hash);
        cmd.Parameters.AddWithValue(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
        cmd.Parameters.AddWithValue(reason);
        return cmd;
    }

    private static async Task<(long Seq, string Hash)?> ReadHeadAsync(NpgsqlConnection c, NpgsqlTransaction tx, string site, CancellationToken cancellationToken)
    {
        await using var cmd = new NpgsqlCommand("SELECT seq, hash FROM heads WHERE site = $1;", c, tx);
        cmd.Parameters.AddWithValue(site);
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? (reader.GetInt64(0), reader.GetString(1)) : null;
    }

    private static async Task ExecAsync(NpgsqlConnection c, NpgsqlTransaction tx, string sql, CancellationToken cancellationToken)
    {
        await using var cmd = new NpgsqlCommand(sql, c, tx);
        await cmd.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<T> GuardAsync<T>(Func<Task<T>> action)
    {
        try
        {
            return await action();
        }
        catch (Exception e) when (IsOutage(e))
        {
            throw Unavailable(e);
        }
    }

    private static bool IsOutage(Exception e) => e is NpgsqlException or SocketException or TimeoutException or IOException;

    private static LedgerUnavailableException Unavailable(Exception e) =>
        new("The PostgreSQL ledger cannot be reached or refused the write: " + e.Message, e);
}
