using System.Runtime.CompilerServices;
using Consentry.Ledger.Chain;
using Consentry.Ledger.Receipts;
using Consentry.Ledger.Stats;
using Consentry.Ledger.Transparency;
using Microsoft.Data.Sqlite;

namespace Consentry.Ledger.Stores;

/// <summary>
/// The default store: one SQLite file in WAL mode with <c>synchronous=FULL</c>, so a committed batch is
/// on disk (fsync'd) before <see cref="AppendAsync"/> returns. One writing process at a time; readers
/// (the <c>ledger</c> commands) may run beside it.
/// </summary>
public sealed partial class SqliteReceiptStore : IReceiptStore, IVerifiableStore, ITreeStorage
{
    private readonly string _connectionString;
    private readonly bool _readOnly;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly FrontierCache _frontiers = new();
    private WriterConnection? _writer;

    /// <summary>Opens (and creates, with its folder) the ledger file at <paramref name="path"/>.</summary>
    public SqliteReceiptStore(string path)
        : this(path, readOnly: false)
    {
    }

    private SqliteReceiptStore(string path, bool readOnly)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        Path = System.IO.Path.GetFullPath(path);
        _readOnly = readOnly;
        if (!readOnly)
        {
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
        }

        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Path,
            Pooling = true,
            DefaultTimeout = 10,
            Mode = readOnly ? SqliteOpenMode.ReadOnly : SqliteOpenMode.ReadWriteCreate,
        }.ToString();
    }

    /// <summary>
    /// Opens an existing ledger file for reading only (verify, look-ups, exports): it is never created, migrated
    /// or written, so reading cannot repair or hide what was done to it. Writing methods throw.
    /// </summary>
    public static SqliteReceiptStore OpenReadOnly(string path) => new(path, readOnly: true);

    /// <summary>The ledger file.</summary>
    public string Path { get; }

    /// <inheritdoc />
    public async Task MigrateAsync(CancellationToken cancellationToken = default)
    {
        await using var c = await OpenAsync(cancellationToken);
        await ExecAsync(c, "PRAGMA journal_mode=WAL;", cancellationToken);
        await ExecAsync(c, "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL);", cancellationToken);
        var version = Convert.ToInt64(await ScalarAsync(c, "SELECT COALESCE(MAX(version), 0) FROM schema_version;", cancellationToken) ?? 0L, System.Globalization.CultureInfo.InvariantCulture);
        foreach (var (target, sql) in Migrations.Sqlite.Where(m => m.Version > version))
        {
            await using var tx = (SqliteTransaction)await c.BeginTransactionAsync(cancellationToken);
            await ExecAsync(c, sql, cancellationToken, tx);
            await ExecAsync(c, $"INSERT INTO schema_version (version) VALUES ({target});", cancellationToken, tx);
            await tx.CommitAsync(cancellationToken);
        }

        await GrowTreesAsync(cancellationToken);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<LedgerEntry>> AppendAsync(IReadOnlyList<SerializedReceipt> receipts, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(receipts);
        return WriteAsync(w => ChainAppender.AppendAsync(w, receipts, cancellationToken), cancellationToken);
    }

    /// <inheritdoc />
    public async Task<long> FoldStatsAsync(CancellationToken cancellationToken = default)
    {
        // The reading runs beside the writer (WAL readers do not block it); only the counts' update takes the gate.
        IReadOnlyList<FoldPlan> plans;
        await using (var c = await OpenAsync(cancellationToken))
        {
            plans = await SqliteStats.PlanAsync(c, cancellationToken);
        }

        return plans.Count == 0 ? 0 : await WriteAsync(w => StatsFolder.ApplyAsync(w, plans, cancellationToken), cancellationToken);
    }

    /// <inheritdoc />
    public Task<bool> AddCosignaturesAsync(string site, long size, string current, string cosigned, CancellationToken cancellationToken = default)
    {
        CheckpointIssuer.CheckCosigned(current, cosigned);
        return WriteAsync(w => w.ReplaceCheckpointNoteAsync(site, size, current, cosigned, cancellationToken), cancellationToken);
    }

    /// <inheritdoc />
    public Task<int> PurgeBeforeAsync(string site, DateTimeOffset before, CancellationToken cancellationToken = default) =>
        WriteAsync(w => ChainAppender.PurgeAsync(w, site, before, DateTimeOffset.UtcNow, cancellationToken), cancellationToken);

    /// <summary>Runs <paramref name="work"/> in one serializable transaction on the long-lived writer connection, and commits.</summary>
    private async Task<T> WriteAsync<T>(Func<WriterConnection, Task<T>> work, CancellationToken cancellationToken)
    {
        if (_readOnly)
        {
            throw new InvalidOperationException($"The ledger {Path} was opened read-only.");
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            // One long-lived connection for writing: no pool round trip, pragmas or statement preparation per batch.
            var w = _writer ??= await WriterConnection.OpenAsync(this, _frontiers, cancellationToken);
            await using var tx = (SqliteTransaction)await w.Connection.BeginTransactionAsync(System.Data.IsolationLevel.Serializable, cancellationToken);
            w.Enlist(tx);
            var result = await work(w);
            await tx.CommitAsync(cancellationToken);
            return result;
        }
        catch (SqliteException e)
        {
            await ResetWriterAsync();
            throw new LedgerUnavailableException($"The SQLite ledger {Path} refused the write: {e.Message}", e);
        }
        catch (LedgerUnavailableException)
        {
            await ResetWriterAsync();
            throw;
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task ResetWriterAsync()
    {
        if (_writer is not null)
        {
            await _writer.DisposeAsync();
            _writer = null;
        }
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<string>> SitesAsync(CancellationToken cancellationToken = default)
    {
        await using var snapshot = await SnapshotAsync(cancellationToken);
        return await snapshot.SitesAsync(cancellationToken);
    }

    /// <inheritdoc />
    public IAsyncEnumerable<LedgerEntry> ReadAsync(string site, DateTimeOffset? from = null, DateTimeOffset? to = null, CancellationToken cancellationToken = default) =>
        EntriesAsync("SELECT site, seq, receipt, prev_hash, hash FROM receipts WHERE site = $site AND server_time >= $lo AND server_time < $hi ORDER BY id;",
            site, from?.ToUnixTimeMilliseconds() ?? long.MinValue, to?.ToUnixTimeMilliseconds() ?? long.MaxValue, cancellationToken);

    /// <inheritdoc />
    public IAsyncEnumerable<LedgerEntry> ReadRangeAsync(string site, long first, long last, CancellationToken cancellationToken = default) =>
        EntriesAsync("SELECT site, seq, receipt, prev_hash, hash FROM receipts WHERE site = $site AND seq >= $lo AND seq <= $hi ORDER BY seq;", site, first, last, cancellationToken);

    /// <summary>A site's entries between two bounds (<c>$lo</c>, <c>$hi</c> in <paramref name="sql"/>), streamed.</summary>
    private async IAsyncEnumerable<LedgerEntry> EntriesAsync(string sql, string site, long lo, long hi, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var c = await OpenAsync(cancellationToken);
        await using var cmd = Command(c, null, sql);
        cmd.Parameters.AddWithValue("$site", site);
        cmd.Parameters.AddWithValue("$lo", lo);
        cmd.Parameters.AddWithValue("$hi", hi);
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            yield return Entry(reader);
        }
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<LedgerEntry>> FindAsync(string consentId, CancellationToken cancellationToken = default)
    {
        await using var c = await OpenAsync(cancellationToken);
        await using var cmd = Command(c, null, "SELECT site, seq, receipt, prev_hash, hash FROM receipts WHERE consent_id = $cid ORDER BY server_time, id;");
        cmd.Parameters.AddWithValue("$cid", consentId);
        var list = new List<LedgerEntry>();
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            list.Add(Entry(reader));
        }

        return list;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<ConsentStatsRow>> StatsAsync(ConsentStatsQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var c = await OpenAsync(cancellationToken);
        try
        {
            return await SqliteStats.QueryAsync(c, query, cancellationToken);
        }
        catch (SqliteException e) when (e.SqliteErrorCode == 1)
        {
            throw new LedgerUnavailableException($"The SQLite ledger {Path} has no consent statistics yet ({e.Message}). Fix: run 'consentry ledger migrate' (or start the server once) to add and fill them.", e);
        }
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
    public async ValueTask DisposeAsync()
    {
        await ResetWriterAsync();
        _gate.Dispose();
        SqliteConnection.ClearAllPools();
    }

    internal async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var c = new SqliteConnection(_connectionString);
        try
        {
            await c.OpenAsync(cancellationToken);
            await ExecAsync(c, _readOnly ? "PRAGMA busy_timeout=10000;" : "PRAGMA synchronous=FULL; PRAGMA busy_timeout=10000; PRAGMA foreign_keys=ON;", cancellationToken);
            return c;
        }
        catch (SqliteException e)
        {
            await c.DisposeAsync();
            throw new LedgerUnavailableException($"The SQLite ledger {Path} cannot be opened: {e.Message}", e);
        }
    }

    /// <inheritdoc />
    Task<ILedgerSnapshot> IVerifiableStore.SnapshotAsync(CancellationToken cancellationToken) => SnapshotAsync(cancellationToken);

    private async Task<ILedgerSnapshot> SnapshotAsync(CancellationToken cancellationToken)
    {
        var c = await OpenAsync(cancellationToken);
        try
        {
            // AUTOINCREMENT ids are never reused and roll back with their transaction: a gap at the end is a deletion.
            return new DbSnapshot(c, c.BeginTransaction(deferred: true), $"The SQLite ledger {Path}",
                "SELECT (SELECT COALESCE(MAX(id), 0) FROM receipts), (SELECT seq FROM sqlite_sequence WHERE name = 'receipts');");
        }
        catch (SqliteException e)
        {
            await c.DisposeAsync();
            throw new LedgerUnavailableException($"The SQLite ledger {Path} cannot be read: {e.Message}", e);
        }
    }

    internal static LedgerEntry Entry(SqliteDataReader reader) =>
        new(reader.GetString(0), reader.GetInt64(1), reader.GetString(2), reader.GetString(3), reader.GetString(4));

    private static SqliteCommand Command(SqliteConnection c, SqliteTransaction? tx, string sql)
    {
        var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        cmd.Transaction = tx;
        return cmd;
    }

    private static async Task ExecAsync(SqliteConnection c, string sql, CancellationToken cancellationToken, SqliteTransaction? tx = null)
    {
        await using var cmd = Command(c, tx, sql);
        await cmd.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<object?> ScalarAsync(SqliteConnection c, string sql, CancellationToken cancellationToken)
    {
        await using var cmd = Command(c, null, sql);
        return await cmd.ExecuteScalarAsync(cancellationToken);
    }
}
