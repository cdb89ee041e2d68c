using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Consentry.Server.Data;

/// <summary>
/// The database the server's tables live in: the SQLite file the ledger uses, or the PostgreSQL database.
/// Statements use <c>@name</c> parameters, which both providers read.
/// </summary>
internal sealed class ServerDatabase : IAsyncDisposable
{
    private readonly string? _sqlite;
    private readonly NpgsqlDataSource? _postgres;

    public ServerDatabase(string? sqlitePath, string? postgres)
    {
        if (!string.IsNullOrWhiteSpace(postgres))
        {
            _postgres = NpgsqlDataSource.Create(postgres);
        }
        else
        {
            ArgumentException.ThrowIfNullOrEmpty(sqlitePath);
            _sqlite = new SqliteConnectionStringBuilder { DataSource = sqlitePath, Pooling = true, DefaultTimeout = 10 }.ToString();
        }
    }

    public bool IsPostgres => _postgres is not null;

    public async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        if (_postgres is not null)
        {
            return await _postgres.OpenConnectionAsync(cancellationToken);
        }

        var c = new SqliteConnection(_sqlite);
        await c.OpenAsync(cancellationToken);
        await using var pragma = c.CreateCommand();
        pragma.CommandText = "PRAGMA busy_timeout=10000; PRAGMA synchronous=FULL;";
        await pragma.ExecuteNonQueryAsync(cancellationToken);
        return c;
    }

    /// <summary>Runs the schema steps not yet run; on PostgreSQL under an advisory lock, so two instances starting together do not race.</summary>
    public async Task MigrateAsync(CancellationToken cancellationToken)
    {
        await using var c = await OpenAsync(cancellationToken);
        if (IsPostgres)
        {
            await ExecAsync(c, null, "SELECT pg_advisory_lock(7431003);", cancellationToken);
        }

        try
        {
            await ExecAsync(c, null, "CREATE TABLE IF NOT EXISTS server_schema (version INTEGER NOT NULL);", cancellationToken);
            var version = await VersionAsync(c, cancellationToken);
            foreach (var (target, sql) in ServerSchema.Steps.Where(s => s.Version > version))
            {
                await using var tx = await c.BeginTransactionAsync(cancellationToken);
                await ExecAsync(c, tx, sql, cancellationToken);
                await ExecAsync(c, tx, $"INSERT INTO server_schema (version) VALUES ({target});", cancellationToken);
                await tx.CommitAsync(cancellationToken);
            }
        }
        finally
        {
            if (IsPostgres)
            {
                await ExecAsync(c, null, "SELECT pg_advisory_unlock(7431003);", CancellationToken.None);
            }
        }
    }

    /// <summary>The schema version the database has (0 before the first migration).</summary>
    public async Task<int> VersionAsync(CancellationToken cancellationToken)
    {
        await using var c = await OpenAsync(cancellationToken);
        return await VersionAsync(c, cancellationToken);
    }

    public async Task<int> ExecuteAsync(string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        await using var c = await OpenAsync(cancellationToken);
        await using var cmd = Command(c, null, sql, parameters);
        return await cmd.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<List<T>> QueryAsync<T>(string sql, Func<DbDataReader, T> map, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        await using var c = await OpenAsync(cancellationToken);
        await using var cmd = Command(c, null, sql, parameters);
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken);
        var list = new List<T>();
        while (await reader.ReadAsync(cancellationToken))
        {
            list.Add(map(reader));
        }

        return list;
    }

    /// <summary>Whether the database refused a row for a key it already holds (PostgreSQL 23505, SQLite constraint).</summary>
    public static bool IsUniqueViolation(DbException e) =>
        e.SqlState == "23505" || (e is SqliteException s && s.SqliteErrorCode == 19);

    /// <summary>Runs one statement inside the caller's transaction; returns the rows it touched.</summary>
    public static async Task<int> ExecuteInAsync(DbConnection c, DbTransaction tx, string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        await using var cmd = Command(c, tx, sql, parameters);
        return await cmd.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>An integer column as SQLite or PostgreSQL hands it back.</summary>
    public static long Long(object value) => Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A time column (Unix milliseconds).</summary>
    public static DateTimeOffset Time(object value) => DateTimeOffset.FromUnixTimeMilliseconds(Long(value));

    public static DbCommand Command(DbConnection c, DbTransaction? tx, string sql, params (string Name, object? Value)[] parameters)
    {
        var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        cmd.Transaction = tx;
        foreach (var (name, value) in parameters)
        {
            var p = cmd.CreateParameter();
            p.ParameterName = name;
            p.Value = value ?? DBNull.Value;
            cmd.Parameters.Add(p);
        }

        return cmd;
    }

    public async ValueTask DisposeAsync()
    {
        if (_postgres is not null)
        {
            await _postgres.DisposeAsync();
        }
    }

    private static async Task<int> VersionAsync(DbConnection c, CancellationToken cancellationToken)
    {
        try
        {
            await using var cmd = Command(c, null, "SELECT COALESCE(MAX(version), 0) FROM server_schema;");
            return Convert.ToInt32(await cmd.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (DbException) when (c is SqliteConnection)
        {
            return 0;
        }
    }

    private static async Task ExecAsync(DbConnection c, DbTransaction? tx, string sql, CancellationToken cancellationToken)
    {
        await using var cmd = Command(c, tx, sql);
        await cmd.ExecuteNonQueryAsync(cancellationToken);
    }
}
