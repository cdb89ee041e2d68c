using Consentry.Ledger.Chain;
using Consentry.Ledger.Stores;

namespace Consentry.Ledger.Tests.Hostile;

/// <summary>
/// Tampering by someone with write access to the database, one way at a time, on every store: each is
/// caught by <see cref="LedgerVerifier"/> and reported once, at its first cause.
/// </summary>
public abstract class TamperingContractTests
{
    private protected abstract Task<LedgerUnderTest> CreateAsync();

    private Task<LedgerUnderTest> WithReceiptsAsync(int count) => LedgerUnderTest.WithReceiptsAsync(CreateAsync, count);

    private static string Hash(long seq, string previous, string receipt) => HashChain.Hash("claimcmr", seq, previous, receipt);

    [Fact]
    public async Task AnEntryAppendedAfterTheHeadWithACorrectHashIsCaught()
    {
        await using var ledger = await WithReceiptsAsync(5);
        var last = (await ledger.EntriesAsync())[^1];
        var forged = CanonicalJson.Write(Receipts.Make(99));
        await ledger.TamperAsync($"INSERT INTO receipts (site, seq, consent_id, server_time, receipt, prev_hash, hash) VALUES ('claimcmr', 6, '{Receipts.Make(99).ConsentId}', {Receipts.Make(99).ServerTime.ToUnixTimeMilliseconds()}, '{forged}', '{last.Hash}', '{Hash(6, last.Hash, forged)}');");
        var problem = Assert.Single(await ledger.ProblemsAsync());
        Assert.Equal((6L, "inserted"), (problem.Sequence, problem.Kind));
        Assert.Contains("after the recorded head", problem.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DeletingTheNewestEntriesAndTheHeadRowIsCaught()
    {
        await using var ledger = await WithReceiptsAsync(10);
        await ledger.TamperAsync("DELETE FROM receipts WHERE seq >= 8; DELETE FROM heads;");
        var problem = Assert.Single(await ledger.ProblemsAsync());
        Assert.Equal("deleted", problem.Kind);
        Assert.Contains("head record is missing", problem.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DeletingTheNewestRowsAndMovingTheHeadBackIsCaughtByTheTree()
    {
        await using var ledger = await WithReceiptsAsync(10);
        var entries = await ledger.EntriesAsync();
        await ledger.TamperAsync($"DELETE FROM receipts WHERE seq >= 9; UPDATE heads SET seq = 8, hash = '{entries[7].Hash}';");
        var problem = Assert.Single(await ledger.ProblemsAsync());
        Assert.Equal(("deleted", "claimcmr", 9L), (problem.Kind, problem.Site, problem.Sequence));
        Assert.Contains("the transparency log ends at entry #10 and the chain at #8", problem.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MovingTheHeadBackOverDeletedEntriesIsCaughtByAPeriodicCheckpoint()
    {
        await using var ledger = await WithReceiptsAsync(1002);
        var entries = await ledger.EntriesAsync();
        await ledger.TamperAsync($"DELETE FROM receipts WHERE seq >= 1000; UPDATE heads SET seq = 999, hash = '{entries[998].Hash}';");
        var problem = Assert.Single(await ledger.ProblemsAsync());
        Assert.Equal((1000L, "deleted"), (problem.Sequence, problem.Kind));
        Assert.Contains("periodic checkpoint records #1000", problem.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MovingTheHeadBackWithoutDeletingIsCaught()
    {
        await using var ledger = await WithReceiptsAsync(10);
        var entries = await ledger.EntriesAsync();
        await ledger.TamperAsync($"UPDATE heads SET seq = 7, hash = '{entries[6].Hash}';");
        var problem = Assert.Single(await ledger.ProblemsAsync());
        Assert.Equal((8L, "inserted"), (problem.Sequence, problem.Kind));
    }

    [Fact]
    public async Task AHandMadePurgeCheckpointIsCaught()
    {
        await using var ledger = await WithReceiptsAsync(10);
        var entries = await ledger.EntriesAsync();
        await ledger.TamperAsync($"INSERT INTO checkpoints (site, seq, hash, created, reason) VALUES ('claimcmr', 6, '{entries[5].Hash}', 0, 'purge'); DELETE FROM receipts WHERE seq <= 6;");
        var problem = Assert.Single(await ledger.ProblemsAsync());
        Assert.Equal((6L, "deleted"), (problem.Sequence, problem.Kind));
        Assert.Contains("purge record at #6 is not in the chain", problem.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ARealPurgeVerifiesAndDeletingItsRecordIsCaught()
    {
        await using var ledger = await WithReceiptsAsync(10);
        Assert.Equal(5, await ledger.Store.PurgeBeforeAsync("claimcmr", Receipts.Make(6).ServerTime, TestContext.Current.CancellationToken));
        Assert.Empty(await ledger.ProblemsAsync());
        await ledger.TamperAsync("DELETE FROM receipts WHERE seq = 11; UPDATE heads SET seq = 10, hash = (SELECT hash FROM receipts WHERE seq = 10);");
        Assert.Contains(await ledger.ProblemsAsync(), p => p.Detail.Contains("purge record at #5 is not in the chain", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("consent_id = 'ffffffffffffffffffffffffffffffff'", "consent_id")]
    [InlineData("server_time = 0", "server_time")]
    [InlineData("receipt_id = 'ffffffffffffffffffffffffffffffff'", "receipt_id")]
    public async Task ChangingALookUpColumnIsCaught(string change, string column)
    {
        await using var ledger = await WithReceiptsAsync(10);
        await ledger.TamperAsync($"UPDATE receipts SET {change} WHERE seq = 4;");
        var problem = Assert.Single(await ledger.ProblemsAsync());
        Assert.Equal((4L, "edited"), (problem.Sequence, problem.Kind));
        Assert.Contains($"the {column} column", problem.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OneSwappedPairIsOneProblemNamingBoth()
    {
        await using var ledger = await WithReceiptsAsync(80);
        // A fresh ledger's row ids equal its sequence numbers: swap the rows of #10 and #70.
        await ledger.TamperAsync("UPDATE receipts SET id = -1 WHERE seq = 10; UPDATE receipts SET id = 10 WHERE seq = 70; UPDATE receipts SET id = 70 WHERE seq = 10;");
        var problem = Assert.Single(await ledger.ProblemsAsync());
        Assert.Equal((10L, "reordered"), (problem.Sequence, problem.Kind));
        Assert.Contains("#10, #70", problem.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AChangedHashBlamesItsOwnEntryNotItsSuccessor()
    {
        await using var ledger = await WithReceiptsAsync(10);
        await ledger.TamperAsync($"UPDATE receipts SET hash = '{new string('e', 64)}' WHERE seq = 5;");
        var problem = Assert.Single(await ledger.ProblemsAsync());
        Assert.Equal((5L, "edited"), (problem.Sequence, problem.Kind));
    }

    [Fact]
    public async Task AReceiptReplacedByNonJsonIsOneProblem()
    {
        await using var ledger = await WithReceiptsAsync(10);
        await ledger.TamperAsync("UPDATE receipts SET receipt = 'not json' WHERE seq = 3;");
        var problem = Assert.Single(await ledger.ProblemsAsync());
        Assert.Equal((3L, "edited"), (problem.Sequence, problem.Kind));
    }
}

public sealed class SqliteTamperingTests : TamperingContractTests
{
    private protected override Task<LedgerUnderTest> CreateAsync() => SqliteStoreTests.CreateSqliteAsync();

    [Fact]
    public async Task DeletingTheNewestRowsAndMovingTheHeadBackIsCaughtByTheRowIds()
    {
        await using var ledger = await CreateAsync();
        await ledger.Store.AppendAsync([.. Enumerable.Range(1, 10).Select(i => Ledger.Receipts.SerializedReceipt.From(Receipts.Make(i)))], TestContext.Current.CancellationToken);
        var entries = await ledger.EntriesAsync();
        // The tree is cut back to eight leaves too (hashes 0 to 14 are those of the first eight), so only the row ids remain.
        await ledger.TamperAsync($"DELETE FROM receipts WHERE seq >= 9; UPDATE heads SET seq = 8, hash = '{entries[7].Hash}'; DELETE FROM tree_hashes WHERE idx > 14; UPDATE trees SET size = 8, root = (SELECT hash FROM tree_hashes WHERE idx = 14);");
        var problem = Assert.Single(await ledger.ProblemsAsync());
        Assert.Equal(("deleted", LedgerVerifier.WholeLedger), (problem.Kind, problem.Site));
        Assert.Contains("row ids 9 to 10", problem.Detail, StringComparison.Ordinal);
    }
}

public sealed class PostgresTamperingTests(PostgresFixture fixture) : TamperingContractTests
{
    private protected override Task<LedgerUnderTest> CreateAsync() => PostgresStoreTests.CreatePostgresAsync(fixture);
}
