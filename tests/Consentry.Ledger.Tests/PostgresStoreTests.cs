using Consentry.Ledger.Chain;
using Consentry.Ledger.Stores;
using Consentry.Ledger.Writing;
using Npgsql;

namespace Consentry.Ledger.Tests;

public sealed class PostgresStoreTests(PostgresFixture fixture) : StoreContractTests
{
    private protected override Task<LedgerUnderTest> CreateAsync() => CreatePostgresAsync(fixture);

    /// <summary>A migrated, empty PostgreSQL ledger in its own database of the shared server.</summary>
    internal static async Task<LedgerUnderTest> CreatePostgresAsync(PostgresFixture fixture)
    {
        var connection = await fixture.Server.CreateDatabaseAsync();
        var store = new PostgresReceiptStore(connection);
        await store.MigrateAsync(TestContext.Current.CancellationToken);
        return new LedgerUnderTest(
            store,
            async sql =>
            {
                await using var c = new NpgsqlConnection(connection);
                await c.OpenAsync(TestContext.Current.CancellationToken);
                await using var cmd = new NpgsqlCommand(sql, c);
                await cmd.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
            },
            () => new PostgresReceiptStore(connection),
            "ALTER TABLE receipts DROP CONSTRAINT receipts_site_seq; ",
            () => ValueTask.CompletedTask);
    }

    [Fact]
    public async Task SeveralInstancesWritingToOneDatabaseKeepOneGaplessChain()
    {
        var connection = await fixture.Server.CreateDatabaseAsync();
        await using var first = new PostgresReceiptStore(connection);
        await using var second = new PostgresReceiptStore(connection);
        await Task.WhenAll(first.MigrateAsync(TestContext.Current.CancellationToken), second.MigrateAsync(TestContext.Current.CancellationToken));
        var a = new ReceiptWriter(first, maxBatch: 32);
        var b = new ReceiptWriter(second, maxBatch: 32);
        var writes = Enumerable.Range(1, 800).Select(i => Task.Run(() => (i % 2 == 0 ? a : b).WriteAsync(Receipts.Make(i, i % 3 == 0 ? "clinixai" : "claimcmr"), TestContext.Current.CancellationToken)));
        var entries = await Task.WhenAll(writes);
        await a.DisposeAsync();
        await b.DisposeAsync();
        foreach (var site in new[] { "claimcmr", "clinixai" })
        {
            var count = entries.Count(e => e.Site == site);
            Assert.Equal(Enumerable.Range(1, count).Select(i => (long)i), entries.Where(e => e.Site == site).Select(e => e.Sequence).Order());
        }

        Assert.All(await LedgerVerifier.VerifyAsync(first, cancellationToken: TestContext.Current.CancellationToken), r => Assert.True(r.Verified, string.Join("; ", r.Problems)));
    }

    [Fact]
    public async Task AnUnreachableServerIsReportedAsUnavailable()
    {
        await using var store = new PostgresReceiptStore("Host=127.0.0.1;Port=1;Username=postgres;Database=none;Timeout=2");
        await using var writer = new ReceiptWriter(store);
        await Assert.ThrowsAsync<LedgerUnavailableException>(() => writer.WriteAsync(Receipts.Make(1), TestContext.Current.CancellationToken));
    }
}
