using Consentry.Ledger.Stores;
using Consentry.Ledger.Writing;
using Microsoft.Data.Sqlite;

namespace Consentry.Ledger.Tests;

public sealed class SqliteStoreTests : StoreContractTests
{
    private protected override Task<LedgerUnderTest> CreateAsync() => CreateSqliteAsync();

    /// <summary>A migrated, empty SQLite ledger file in its own folder.</summary>
    internal static async Task<LedgerUnderTest> CreateSqliteAsync()
    {
        var dir = Directory.CreateTempSubdirectory("consentry-ledger-").FullName;
        var path = Path.Combine(dir, "data", "ledger.db");
        var store = new SqliteReceiptStore(path);
        await store.MigrateAsync(TestContext.Current.CancellationToken);
        return new LedgerUnderTest(
            store,
            async sql =>
            {
                await using var c = new SqliteConnection($"Data Source={path};Pooling=False");
                await c.OpenAsync(TestContext.Current.CancellationToken);
                await using var cmd = c.CreateCommand();
                cmd.CommandText = sql;
                await cmd.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
            },
            () => new SqliteReceiptStore(path),
            "CREATE TABLE r2 AS SELECT * FROM receipts; DROP TABLE receipts; ALTER TABLE r2 RENAME TO receipts; ",
            () =>
            {
                SqliteConnection.ClearAllPools();
                Directory.Delete(dir, recursive: true);
                return ValueTask.CompletedTask;
            });
    }

    [Fact]
    public async Task TheWriterReportsAnUnusableDatabaseFileAsUnavailable()
    {
        var dir = Directory.CreateTempSubdirectory("consentry-bad-").FullName;
        try
        {
            Directory.CreateDirectory(Path.Combine(dir, "ledger.db"));
            await using var store = new SqliteReceiptStore(Path.Combine(dir, "ledger.db"));
            await using var writer = new ReceiptWriter(store);
            await Assert.ThrowsAsync<LedgerUnavailableException>(() => writer.WriteAsync(Receipts.Make(1), TestContext.Current.CancellationToken));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
