using Consentry.Ledger.Receipts;
using Consentry.Ledger.Chain;
using Consentry.Ledger.Stores;
using Consentry.Ledger.Stats;
using Consentry.Ledger.Writing;

namespace Consentry.Ledger.Tests;

/// <summary>The behaviour every store must have; run once per store (SQLite file, PostgreSQL server).</summary>
public abstract partial class StoreContractTests
{
    /// <summary>A migrated, empty ledger of this store kind.</summary>
    private protected abstract Task<LedgerUnderTest> CreateAsync();

    private Task<LedgerUnderTest> WithReceiptsAsync(int count, string site = "claimcmr") => LedgerUnderTest.WithReceiptsAsync(CreateAsync, count, site);

    private static Task<IReadOnlyList<ChainProblem>> ProblemsAsync(LedgerUnderTest ledger) => ledger.ProblemsAsync();

    [Fact]
    public async Task StatisticsCountEachChoiceByDayMethodAndGrantedCategory()
    {
        await using var ledger = await CreateAsync();
        await ledger.Store.AppendAsync(StatsContractTests.Sample(), TestContext.Current.CancellationToken);
        Assert.Equal("""
            2026-03-02 : 3 accept-all=2 reject-all=1 | analytics=2 necessary=3
            2026-03-03 : 1 gpc=1 | necessary=1
            2026-03-09 : 2 accept-all=1 withdraw=1 | analytics=1 necessary=2
            """, StatsContractTests.Show(await StatsContractTests.QueryAsync(ledger.Store)));
    }

    [Fact]
    public async Task StatisticsFoldDaysIntoWeeksAndMonthsAndSplitByRevisionLanguageOrBrowser()
    {
        await using var ledger = await CreateAsync();
        await ledger.Store.AppendAsync(StatsContractTests.Sample(), TestContext.Current.CancellationToken);
        Assert.Equal("""
            2026-03-02 1: 2 accept-all=1 reject-all=1 | analytics=1 necessary=2
            2026-03-02 2: 2 accept-all=1 gpc=1 | analytics=1 necessary=2
            2026-03-09 2: 2 accept-all=1 withdraw=1 | analytics=1 necessary=2
            """, StatsContractTests.Show(await StatsContractTests.QueryAsync(ledger.Store, StatsInterval.Week, StatsGrouping.Revision)));
        Assert.Equal("""
            2026-03-01 de: 2 accept-all=1 reject-all=1 | analytics=1 necessary=2
            2026-03-01 en: 4 accept-all=2 gpc=1 withdraw=1 | analytics=2 necessary=4
            """, StatsContractTests.Show(await StatsContractTests.QueryAsync(ledger.Store, StatsInterval.Month, StatsGrouping.Language)));
        var browsers = await StatsContractTests.QueryAsync(ledger.Store, StatsInterval.Month, StatsGrouping.Browser);
        Assert.Equal([("Chrome", 4L), ("Firefox", 2L)], browsers.Select(r => (r.Group, r.Choices)));
    }

    [Fact]
    public async Task FoldingMovesTheCountsIntoTheAggregatesOnceAndTheFiguresStayTheSame()
    {
        await using var ledger = await CreateAsync();
        await ledger.Store.AppendAsync(StatsContractTests.Sample(), TestContext.Current.CancellationToken);
        var before = StatsContractTests.Show(await StatsContractTests.QueryAsync(ledger.Store, StatsInterval.Week, StatsGrouping.Browser));
        Assert.Equal(7L, await ledger.Store.FoldStatsAsync(TestContext.Current.CancellationToken));
        Assert.Equal(0L, await ledger.Store.FoldStatsAsync(TestContext.Current.CancellationToken));
        Assert.Equal(before, StatsContractTests.Show(await StatsContractTests.QueryAsync(ledger.Store, StatsInterval.Week, StatsGrouping.Browser)));
        await ledger.Store.AppendAsync([SerializedReceipt.From(StatsContractTests.Choice(99, 0, ConsentMethods.RejectAll))], TestContext.Current.CancellationToken);
        var rows = await StatsContractTests.QueryAsync(ledger.Store);
        Assert.Equal(7, rows.Sum(r => r.Choices));
        Assert.Equal(1L, await ledger.Store.FoldStatsAsync(TestContext.Current.CancellationToken));
        Assert.Equal(7, (await StatsContractTests.QueryAsync(ledger.Store)).Sum(r => r.Choices));
    }

    [Fact]
    public async Task ARangeReadGivesTheNumberedEntriesOfItsSiteInOrderAndNoOthers()
    {
        await using var ledger = await WithReceiptsAsync(10);
        await ledger.Store.AppendAsync([SerializedReceipt.From(Receipts.Make(11, "other"))], TestContext.Current.CancellationToken);
        foreach (var store in new[] { ledger.Store, new StoreOfItsOwn(ledger.Store) })
        {
            Assert.Equal([4L, 5L, 6L, 7L], await RangeAsync(store, "claimcmr", 4, 7));
            Assert.Equal([10L], await RangeAsync(store, "claimcmr", 10, 99));
            Assert.Equal([1L], await RangeAsync(store, "other", 1, 1));
            Assert.Empty(await RangeAsync(store, "claimcmr", 11, 20));
        }
    }

    private static async Task<List<long>> RangeAsync(IReceiptStore store, string site, long first, long last)
    {
        var list = new List<long>();
        await foreach (var e in store.ReadRangeAsync(site, first, last, TestContext.Current.CancellationToken))
        {
            Assert.Equal(site, e.Site);
            list.Add(e.Sequence);
        }

        return list;
    }

    [Fact]
    public async Task APurgeCountsItsReceiptsBeforeDeletingThem()
    {
        await using var ledger = await CreateAsync();
        await ledger.Store.AppendAsync(StatsContractTests.Sample(), TestContext.Current.CancellationToken);
        await ledger.Store.PurgeBeforeAsync("claimcmr", new DateTimeOffset(StatsContractTests.Monday.AddDays(5).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero), TestContext.Current.CancellationToken);
        Assert.Equal(6, (await StatsContractTests.QueryAsync(ledger.Store)).Sum(r => r.Choices));
    }

    [Fact]
    public async Task AnEditedTallyColumnIsCaughtByVerification()
    {
        await using var ledger = await WithReceiptsAsync(5);
        await ledger.TamperAsync("UPDATE receipts SET tally = replace(tally, 'accept-all', 'reject-all') WHERE seq = 3;");
        var problem = Assert.Single(await ProblemsAsync(ledger));
        Assert.Equal(3L, problem.Sequence);
        Assert.Contains("tally column", problem.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AReplayedReceiptIsNotCountedTwice()
    {
        await using var ledger = await CreateAsync();
        await ledger.Store.AppendAsync(StatsContractTests.Sample(), TestContext.Current.CancellationToken);
        await ledger.Store.FoldStatsAsync(TestContext.Current.CancellationToken);
        await ledger.Store.AppendAsync(StatsContractTests.Sample(), TestContext.Current.CancellationToken);
        await ledger.Store.FoldStatsAsync(TestContext.Current.CancellationToken);
        var rows = await StatsContractTests.QueryAsync(ledger.Store);
        Assert.Equal(6, rows.Sum(r => r.Choices));
    }

    [Fact]
    public async Task StatisticsOfReceiptsWrittenBeforeTheyExistedAreFilledInByTheMigration()
    {
        await using var ledger = await CreateAsync();
        await ledger.Store.AppendAsync(StatsContractTests.Sample(), TestContext.Current.CancellationToken);
        var expected = StatsContractTests.Show(await StatsContractTests.QueryAsync(ledger.Store, StatsInterval.Week, StatsGrouping.Language));
        await ledger.Store.FoldStatsAsync(TestContext.Current.CancellationToken);
        await ledger.TamperAsync(LedgerUnderTest.BeforeVersion5);
        await ledger.TamperAsync("DROP TABLE consent_counts; DROP TABLE stats_folded; ALTER TABLE receipts DROP COLUMN tally; DROP TABLE trees; DROP TABLE tree_hashes; DROP TABLE signed_checkpoints; DELETE FROM schema_version WHERE version >= 3;");
        await ledger.Store.MigrateAsync(TestContext.Current.CancellationToken);
        Assert.Equal(expected, StatsContractTests.Show(await StatsContractTests.QueryAsync(ledger.Store, StatsInterval.Week, StatsGrouping.Language)));
    }

    [Fact]
    public async Task AnotherSitesChoicesAndDaysOutsideTheRangeAreNotCounted()
    {
        await using var ledger = await CreateAsync();
        await ledger.Store.AppendAsync(StatsContractTests.Sample(), TestContext.Current.CancellationToken);
        var rows = await ledger.Store.StatsAsync(new ConsentStatsQuery("claimcmr", StatsContractTests.Monday.AddDays(1), StatsContractTests.Monday.AddDays(7)), TestContext.Current.CancellationToken);
        Assert.Equal([StatsContractTests.Monday.AddDays(1)], rows.Select(r => r.Period));
        Assert.Empty(await ledger.Store.StatsAsync(new ConsentStatsQuery("nobody", StatsContractTests.Monday, StatsContractTests.Monday.AddDays(30)), TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task AppendedReceiptsFormAChainThatVerifies()
    {
        await using var ledger = await WithReceiptsAsync(10);
        var result = (await LedgerVerifier.VerifyAsync(ledger.Store, cancellationToken: TestContext.Current.CancellationToken)).Single();
        Assert.True(result.Verified);
        Assert.Equal(10, result.Entries);
        Assert.Equal(10, result.LastSequence);
    }

    [Fact]
    public async Task EachSiteHasItsOwnChain()
    {
        await using var ledger = await CreateAsync();
        var entries = await ledger.Store.AppendAsync([.. new[] { Receipts.Make(1, "a"), Receipts.Make(2, "b"), Receipts.Make(3, "a") }.Select(SerializedReceipt.From)], TestContext.Current.CancellationToken);
        Assert.Equal([1L, 1L, 2L], entries.Select(e => e.Sequence));
        Assert.Equal(entries[0].Hash, entries[2].PreviousHash);
        Assert.All(await LedgerVerifier.VerifyAsync(ledger.Store, cancellationToken: TestContext.Current.CancellationToken), r => Assert.True(r.Verified));
    }

    [Fact]
    public async Task AnEditedReceiptIsDetectedAndNamed()
    {
        await using var ledger = await WithReceiptsAsync(10);
        await ledger.TamperAsync("UPDATE receipts SET receipt = replace(receipt, '\"analytics\":true', '\"analytics\":false') WHERE seq = 5;");
        var problem = Assert.Single(await ProblemsAsync(ledger));
        Assert.Equal((5L, "edited"), (problem.Sequence, problem.Kind));
    }

    [Fact]
    public async Task AnEditWithARecomputedHashStillBreaksTheNextLink()
    {
        await using var ledger = await WithReceiptsAsync(10);
        var entries = await ledger.Store.ReadAsync("claimcmr", cancellationToken: TestContext.Current.CancellationToken).ToListAsync(TestContext.Current.CancellationToken);
        var forged = entries[4].Receipt.Replace("\"analytics\":true", "\"analytics\":false", StringComparison.Ordinal);
        var hash = HashChain.Hash("claimcmr", 5, entries[4].PreviousHash, forged);
        await ledger.TamperAsync($"UPDATE receipts SET receipt = '{forged}', hash = '{hash}' WHERE seq = 5;");
        var problem = Assert.Single(await ProblemsAsync(ledger));
        Assert.Equal((5L, "edited"), (problem.Sequence, problem.Kind));
        Assert.Contains("#6 was chained to a different #5", problem.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ADeletedReceiptIsDetectedAndNamed()
    {
        await using var ledger = await WithReceiptsAsync(10);
        await ledger.TamperAsync("DELETE FROM receipts WHERE seq = 5;");
        var problem = Assert.Single(await ProblemsAsync(ledger));
        Assert.Equal((5L, "deleted"), (problem.Sequence, problem.Kind));
        Assert.Contains("#5 is missing", problem.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DeletingTheNewestReceiptsIsDetectedThroughTheHead()
    {
        await using var ledger = await WithReceiptsAsync(10);
        await ledger.TamperAsync("DELETE FROM receipts WHERE seq >= 9;");
        var problem = Assert.Single(await ProblemsAsync(ledger));
        Assert.Equal((9L, "deleted"), (problem.Sequence, problem.Kind));
    }

    [Fact]
    public async Task AReorderedReceiptIsDetected()
    {
        await using var ledger = await WithReceiptsAsync(10);
        await ledger.TamperAsync("UPDATE receipts SET id = id + 1000 WHERE seq = 3;");
        Assert.Contains(await ProblemsAsync(ledger), p => p is { Sequence: 3, Kind: "reordered" });
    }

    [Fact]
    public async Task AnInsertedReceiptIsDetected()
    {
        await using var ledger = await WithReceiptsAsync(10);
        var entries = await ledger.Store.ReadAsync("claimcmr", cancellationToken: TestContext.Current.CancellationToken).ToListAsync(TestContext.Current.CancellationToken);
        var fake = Consentry.Ledger.Chain.CanonicalJson.Write(Receipts.Make(99));
        var hash = HashChain.Hash("claimcmr", 4, entries[2].Hash, fake);
        // Take the constraints off, then slip a well-formed entry in before #4.
        await ledger.TamperAsync(ledger.DropConstraints + $"UPDATE receipts SET id = id * 1000; INSERT INTO receipts (id, site, seq, consent_id, server_time, receipt, prev_hash, hash) VALUES (3500, 'claimcmr', 4, 'x', 0, '{fake}', '{entries[2].Hash}', '{hash}');");
        Assert.Contains(await ProblemsAsync(ledger), p => p is { Sequence: 4, Kind: "inserted" });
    }

    [Fact]
    public async Task PurgingOldReceiptsKeepsTheRestVerifiable()
    {
        await using var ledger = await WithReceiptsAsync(10);
        var removed = await ledger.Store.PurgeBeforeAsync("claimcmr", Receipts.Make(6).ServerTime, TestContext.Current.CancellationToken);
        Assert.Equal(5, removed);
        var result = (await LedgerVerifier.VerifyAsync(ledger.Store, "claimcmr", TestContext.Current.CancellationToken)).Single();
        Assert.True(result.Verified, string.Join("; ", result.Problems));
        Assert.Equal((6L, 11L), (result.FirstSequence, result.LastSequence));
        var marker = (await ledger.Store.ReadAsync("claimcmr", cancellationToken: TestContext.Current.CancellationToken).ToListAsync(TestContext.Current.CancellationToken))[^1];
        Assert.Contains("\"type\":\"consentry-purge\",\"site\":\"claimcmr\",\"through\":5", marker.Receipt, StringComparison.Ordinal);
        await ledger.TamperAsync("DELETE FROM receipts WHERE seq = 6;");
        Assert.Contains(await ProblemsAsync(ledger), p => p is { Sequence: 6, Kind: "deleted" });
    }

    [Fact]
    public async Task AVisitorsReceiptsAreFoundByConsentId()
    {
        await using var ledger = await CreateAsync();
        await ledger.Store.AppendAsync([.. new[] { Receipts.Make(7), Receipts.Make(8), Receipts.Make(7, method: "withdraw") with { ServerTime = DateTimeOffset.FromUnixTimeMilliseconds(1_800_000_000_000) } }.Select(SerializedReceipt.From)], TestContext.Current.CancellationToken);
        var found = await ledger.Store.FindAsync(Receipts.Make(7).ConsentId, TestContext.Current.CancellationToken);
        Assert.Equal(2, found.Count);
        Assert.Contains("\"method\":\"withdraw\"", found[1].Receipt, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MigrationsCanRunAgainAndReceiptsSurviveReopening()
    {
        await using var ledger = await WithReceiptsAsync(3);
        await ledger.Store.MigrateAsync(TestContext.Current.CancellationToken);
        await using var reopened = ledger.Reopen();
        await reopened.MigrateAsync(TestContext.Current.CancellationToken);
        Assert.Equal(3, await reopened.ReadAsync("claimcmr", cancellationToken: TestContext.Current.CancellationToken).CountAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task TheGroupCommitWriterCommitsConcurrentReceiptsIntoOneGaplessChain()
    {
        await using var ledger = await CreateAsync();
        var writer = new ReceiptWriter(ledger.Store, maxBatch: 64);
        var entries = await Task.WhenAll(Enumerable.Range(1, 1000).Select(i => Task.Run(() => writer.WriteAsync(Receipts.Make(i), TestContext.Current.CancellationToken))));
        await writer.DisposeAsync();
        Assert.Equal(Enumerable.Range(1, 1000).Select(i => (long)i), entries.Select(e => e.Sequence).Order());
        await using var reopened = ledger.Reopen();
        Assert.Equal(1000, await reopened.ReadAsync("claimcmr", cancellationToken: TestContext.Current.CancellationToken).CountAsync(TestContext.Current.CancellationToken));
        Assert.True((await LedgerVerifier.VerifyAsync(reopened, "claimcmr", TestContext.Current.CancellationToken)).Single().Verified);
    }
}
