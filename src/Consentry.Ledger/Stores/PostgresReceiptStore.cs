using System.Net.Sockets;
using System.Runtime.CompilerServices;
using Consentry.Ledger.Chain;
using Consentry.Ledger.Receipts;
using Consentry.Ledger.Stats;
using Consentry.Ledger.Transparency;
using Npgsql;

namespace Consentry.Ledger.Stores;

/// <summary>
/// The store for scale: PostgreSQL, shared by any number of <c>consentry serve</c> instances. Each site's
/// chain is extended under a transaction-scoped advisory lock, so instances never fork it; a commit
/// returns after PostgreSQL has flushed it (synchronous_commit on). A server that is down or restarting
/// surfaces as <see cref="LedgerUnavailableException"/>; the next call reconnects.
/// </summary>
public sealed partial class PostgresReceiptStore : IReceiptStore, IVerifiableStore, ITreeStorage
{
    private readonly NpgsqlDataSource _source;
    private readonly FrontierCache _frontiers = new();

    /// <summary>Connects with an Npgsql connection string, e.g. <c>Host=127.0.0.1;Port=5432;Database=consentry;Username=consentry</c>.</summary>
    public PostgresReceiptStore(string connectionString)
    {
        ArgumentException.ThrowIfNullOrEmpty(connectionString);
        _source = NpgsqlDataSource.Create(connectionString);
    }

    /// <summary>
    /// Connects for reading only (verify, look-ups, exports): every transaction is read-only, so reading never
    /// migrates or writes. Writing methods fail.
    /// </summary>
    public static PostgresReceiptStore OpenReadOnly(string connectionString)
    {
        ArgumentException.ThrowIfNullOrEmpty(connectionString);
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        builder.Options = (builder.Options + " -c default_transaction_read_only=on").Trim();
        return new PostgresReceiptStore(builder.ConnectionString);
    }

    /// <inheritdoc />
    public async Task MigrateAsync(CancellationToken cancellationToken = default)
    {
        await MigrateSchemaAsync(cancellationToken);
        await GrowTreesAsync(cancellationToken);
    }

    private Task<int> MigrateSchemaAsync(CancellationToken cancellationToken) => GuardAsync(async () =>
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
    public Task<IReadOnlyList<LedgerEntry>> AppendAsync(IReadOnlyList<SerializedReceipt> receipts, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(receipts);
        return WriteAsync(tx => ChainAppender.AppendAsync(tx, receipts, cancellationToken), cancellationToken);
    }

    /// <inheritdoc />
    public async Task<long> FoldStatsAsync(CancellationToken cancellationToken = default)
    {
        // The reading runs outside the write transaction; the update re-checks each site's mark under the statistics lock.
        var plans = await GuardAsync<IReadOnlyList<FoldPlan>>(async () =>
        {
            await using var c = await _source.OpenConnectionAsync(cancellationToken);
            var behind = new List<(string, long, long)>();
            await using (var cmd = new NpgsqlCommand(StatsRollup.BehindSql, c))
            await using (var reader = await cmd.ExecuteReaderAsync(cancellationToken))
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    behind.Add((reader.GetString(0), reader.GetInt64(1), reader.GetInt64(2)));
                }
            }

            return await StatsFolder.PlanAsync(behind, async (site, after, through) =>
            {
                await using var cmd = new NpgsqlCommand(StatsRollup.GroupSql, c);
                cmd.Parameters.AddWithValue(site);
                cmd.Parameters.AddWithValue(after);
                cmd.Parameters.AddWithValue(through);
                await using var reader = await cmd.ExecuteReaderAsync(cancellationToken);
                var rows = new List<FoldRow>();
                while (await reader.ReadAsync(cancellationToken))
                {
                    rows.Add(new FoldRow(reader.GetInt32(0), reader.GetString(1), reader.GetInt64(2)));
                }

                return rows;
            });
        });
        return plans.Count == 0 ? 0 : await WriteAsync(tx => StatsFolder.ApplyAsync(tx, plans, cancellationToken), cancellationToken);
    }

    /// <inheritdoc />
    public Task<int> PurgeBeforeAsync(string site, DateTimeOffset before, CancellationToken cancellationToken = default) =>
        WriteAsync(tx => ChainAppender.PurgeAsync(tx, site, before, DateTimeOffset.UtcNow, cancellationToken), cancellationToken);

    private Task<T> WriteAsync<T>(Func<IChainTransaction, Task<T>> work, CancellationToken cancellationToken) => GuardAsync(async () =>
    {
        await using var c = await _source.OpenConnectionAsync(cancellationToken);
        await using var tx = await c.BeginTransactionAsync(cancellationToken);
        await using var chain = new PostgresChainTransaction(c, tx, _frontiers);
        var result = await work(chain);
        await chain.FlushAsync(cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return result;
    });

    /// <inheritdoc />
    public async Task<IReadOnlyList<string>> SitesAsync(CancellationToken cancellationToken = default)
    {
        await using var snapshot = await SnapshotAsync(cancellationToken);
        return await snapshot.SitesAsync(cancellationToken);
    }

    /// <inheritdoc />
    public IAsyncEnumerable<LedgerEntry> ReadAsync(string site, DateTimeOffset? from = null, DateTimeOffset? to = null, CancellationToken cancellationToken = default) =>
        EntriesAsync("SELECT site, seq, receipt, prev_hash, hash FROM receipts WHERE site = $1 AND server_time >= $2 AND server_time < $3 ORDER BY id;",
            site, from?.ToUnixTimeMilliseconds() ?? long.MinValue, to?.ToUnixTimeMilliseconds() ?? long.MaxValue, cancellationToken);

    /// <inheritdoc />
    public IAsyncEnumerable<LedgerEntry> ReadRangeAsync(string site, long first, long last, CancellationToken cancellationToken = default) =>
        EntriesAsync("SELECT site, seq, receipt, prev_hash, hash FROM receipts WHERE site = $1 AND seq >= $2 AND seq <= $3 ORDER BY seq;", site, first, last, cancellationToken);

    /// <summary>A site's entries between two bounds (<c>$2</c>, <c>$3</c> in <paramref name="sql"/>), streamed.</summary>
    private async IAsyncEnumerable<LedgerEntry> EntriesAsync(string sql, string site, long lo, long hi, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var c = await OpenAsync(cancellationToken);
        await using var cmd = new NpgsqlCommand(sql, c);
        cmd.Parameters.AddWithValue(site);
        cmd.Parameters.AddWithValue(lo);
        cmd.Parameters.AddWithValue(hi);
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            yield return Entry(reader);
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
            list.Add(Entry(reader));
        }

        return list;
    });

    /// <inheritdoc />
    public Task<IReadOnlyList<ConsentStatsRow>> StatsAsync(ConsentStatsQuery query, CancellationToken cancellationToken = default) => GuardAsync(async () =>
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var c = await _source.OpenConnectionAsync(cancellationToken);
        var stored = await CountsAsync(c, query, cancellationToken);
        var unfolded = new List<FoldRow>();
        await using (var cmd = new NpgsqlCommand(StatsRollup.UnfoldedSql, c))
        {
            cmd.Parameters.AddWithValue(query.Site);
            await using var reader = await cmd.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                unfolded.Add(new FoldRow(reader.GetInt32(0), reader.GetString(1), reader.GetInt64(2)));
            }
        }

        return StatsRollup.Build(query, stored.Concat(StatsFolder.Tail(query, unfolded)));
    });

    private static async Task<List<(int, string, string, string, long)>> CountsAsync(NpgsqlConnection c, ConsentStatsQuery query, CancellationToken cancellationToken)
    {
        await using var cmd = new NpgsqlCommand(StatsRollup.Sql, c);
        var (from, to) = StatsRollup.Days(query);
        cmd.Parameters.AddWithValue(query.Site);
        cmd.Parameters.AddWithValue(StatsRollup.Dimension(query.GroupBy));
        cmd.Parameters.AddWithValue(from);
        cmd.Parameters.AddWithValue(to);
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken);
        var rows = new List<(int, string, string, string, long)>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add((reader.GetInt32(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetInt64(4)));
        }

        return rows;
    }

    /// <inheritdoc />
    public async Task<Checkpoint?> StartAsync(string site, CancellationToken cancellationToken = default)
    {
        await using var snapshot = await SnapshotAsync(cancellationToken);
        return await snapshot.StartAsync(site, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<Checkpoint?> HeadAsync(string site, CancellationToken cancellationToken = default)
    {
        await using var snapshot = await SnapshotAsync(cancellationToken);
        return await snapshot.HeadAsync(site, cancellationToken);
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _source.DisposeAsync();

    /// <inheritdoc />
    Task<ILedgerSnapshot> IVerifiableStore.SnapshotAsync(CancellationToken cancellationToken) => SnapshotAsync(cancellationToken);

    /// <remarks>PostgreSQL sequences do not roll back with a failed transaction, so gaps in ids prove nothing: no row-id check.</remarks>
    private Task<ILedgerSnapshot> SnapshotAsync(CancellationToken cancellationToken) => GuardAsync<ILedgerSnapshot>(async () =>
    {
        var c = await _source.OpenConnectionAsync(cancellationToken);
        try
        {
            var tx = await c.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, cancellationToken);
            return new DbSnapshot(c, tx, "The PostgreSQL ledger", null);
        }
        catch
        {
            await c.DisposeAsync();
            throw;
        }
    });

    internal static LedgerEntry Entry(NpgsqlDataReader reader) =>
        new(reader.GetString(0), reader.GetInt64(1), reader.GetString(2), reader.GetString(3), reader.GetString(4));

    private async Task<NpgsqlConnection> OpenAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await _source.OpenConnectionAsync(cancellationToken);
        }
        catch (Exception e) when (IsOutage(e))
        {
            throw Unavailable(e);
        }
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
