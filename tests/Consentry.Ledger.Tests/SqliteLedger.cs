using Consentry.Ledger.Stores;
using Microsoft.Data.Sqlite;

namespace Consentry.Ledger.Tests;

/// <summary>A real SQLite ledger file in a scratch folder, with raw SQL access for tampering.</summary>
internal sealed class SqliteLedger : IAsyncDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("consentry-ledger-").FullName;

    public SqliteLedger()
    {
        Store = new SqliteReceiptStore(FilePath);
    }

    public string FilePath => Path.Combine(_dir, "data", "ledger.db");

    public SqliteReceiptStore Store { get; }

    public async Task<SqliteLedger> ReadyAsync()
    {
        await Store.MigrateAsync(TestContext.Current.CancellationToken);
        return this;
    }

    public async Task TamperAsync(string sql)
    {
        await using var c = new SqliteConnection($"Data Source={FilePath};Pooling=False");
        await c.OpenAsync(TestContext.Current.CancellationToken);
        await using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        await cmd.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await Store.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }
}
