using Consentry.Ledger.Chain;
using Consentry.Ledger.Receipts;
using Consentry.Ledger.Transparency;
using Consentry.Tests;

namespace Consentry.Ledger.Tests.Transparency;

/// <summary>The transparency log every store must keep; run once per store (SQLite file, PostgreSQL server).</summary>
public abstract class LogContractTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private protected abstract Task<LedgerUnderTest> CreateAsync();

    [Fact]
    public async Task EveryEntryIsALeafWhoseProofVerifiesAgainstTheRoot()
    {
        await using var ledger = await CreateAsync();
        var entries = await AppendAsync(ledger, 1, 1, 5, 13, 17);

        var tree = await ledger.Store.TreeAsync("claimcmr", Token);
        Assert.Equal(new LogTree("claimcmr", 0, 37, Convert.ToBase64String(RootOf(entries))), tree);
        Assert.Equal(Enumerable.Range(0, 37).Select(i => (long?)i), entries.Select(e => e.LeafIndex));
        foreach (var size in new long[] { 1, 2, 20, 37 })
        {
            var root = await ledger.Store.RootAsync("claimcmr", size, Token);
            for (var i = 0; i < size; i++)
            {
                var proof = await ledger.Store.InclusionProofAsync("claimcmr", i, size, Token);
                Assert.True(MerkleProof.VerifyInclusion(MerkleHash.Leaf(entries[i].LeafData()), i, size, proof, root), $"leaf {i} of {size}");
            }
        }
    }

    [Fact]
    public async Task ConsistencyProofsLinkEveryEarlierSizeToTheCurrentTree()
    {
        await using var ledger = await CreateAsync();
        await AppendAsync(ledger, 3, 8, 10);
        var root = await ledger.Store.RootAsync("claimcmr", 21, Token);
        for (long old = 1; old <= 21; old++)
        {
            var proof = await ledger.Store.ConsistencyProofAsync("claimcmr", old, 21, Token);
            Assert.True(MerkleProof.VerifyConsistency(old, await ledger.Store.RootAsync("claimcmr", old, Token), 21, root, proof), $"{old} to 21");
        }
    }

    [Fact]
    public async Task ProofsOutsideTheTreeAreRefusedWithTheReason()
    {
        await using var ledger = await CreateAsync();
        await AppendAsync(ledger, 4);
        Assert.Contains("has 4 leaves", (await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => ledger.Store.InclusionProofAsync("claimcmr", 0, 5, Token))).Message, StringComparison.Ordinal);
        Assert.Contains("not in a tree of 4", (await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => ledger.Store.InclusionProofAsync("claimcmr", 4, 4, Token))).Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => ledger.Store.ConsistencyProofAsync("claimcmr", 3, 2, Token));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => ledger.Store.RootAsync("claimcmr", 0, Token));
        await Assert.ThrowsAsync<KeyNotFoundException>(() => ledger.Store.InclusionProofAsync("nobody", 0, 1, Token));
    }

    [Fact]
    public async Task AReplayedReceiptIsAnsweredWithItsLeafIndex()
    {
        await using var ledger = await CreateAsync();
        static SerializedReceipt WithId(int i) => SerializedReceipt.From(Receipts.Make(i, "claimcmr") with { ReceiptId = i.ToString("x32", System.Globalization.CultureInfo.InvariantCulture) });
        var first = await ledger.Store.AppendAsync([WithId(1), WithId(2), WithId(3)], Token);
        var again = await ledger.Store.AppendAsync([WithId(2), WithId(4), WithId(4)], Token);
        Assert.Equal([1L, 3, 3], again.Select(e => e.LeafIndex ?? -1));
        Assert.Equal(first[1] with { LeafIndex = 1 }, again[0]);
        Assert.Equal(4, (await ledger.Store.TreeAsync("claimcmr", Token))!.Size);
    }

    [Fact]
    public async Task TheSameReceiptIdUnderAnotherConsentIsAnotherReceipt()
    {
        // A replay is the same receipt sent again, so it carries the same consent id; another visitor's receipt id
        // under one's own consent id neither answers with their entry nor stops one's own receipt.
        await using var ledger = await CreateAsync();
        var id = new string('a', 32);
        var mine = SerializedReceipt.From(Receipts.Make(1, "claimcmr") with { ReceiptId = id });
        var theirs = SerializedReceipt.From(Receipts.Make(2, "claimcmr") with { ReceiptId = id });
        Assert.NotEqual(mine.ConsentId, theirs.ConsentId);
        var first = await ledger.Store.AppendAsync([mine], Token);
        var second = await ledger.Store.AppendAsync([theirs, mine], Token);
        Assert.Equal([2L, 1L], second.Select(e => e.Sequence));
        Assert.Equal(first.Single() with { LeafIndex = 0 }, second[1]);
        Assert.Single(await ledger.Store.FindAsync(theirs.ConsentId, Token));
    }

    [Fact]
    public async Task AReceiptStoredBeforeVersion5IsStillKnownAsAReplayAfterTheMigration()
    {
        await using var ledger = await CreateAsync();
        static SerializedReceipt WithId(int i) => SerializedReceipt.From(Receipts.Make(i, "claimcmr") with { ReceiptId = i.ToString("x32", System.Globalization.CultureInfo.InvariantCulture) });
        await ledger.TamperAsync(LedgerUnderTest.BeforeVersion5);
        var stored = await ledger.Store.AppendAsync([WithId(1), WithId(2)], Token);
        await ledger.Store.MigrateAsync(Token);

        var again = await ledger.Store.AppendAsync([WithId(2), WithId(3)], Token);
        Assert.Equal(stored[1] with { LeafIndex = 1 }, again[0]);
        Assert.Equal(3, again[1].Sequence);
        Assert.Equal(stored[0].Hash, Assert.Single(await ledger.Store.FindAsync(WithId(1).ConsentId, Token)).Hash);
        Assert.Empty(await ledger.ProblemsAsync());
    }

    [Fact]
    public async Task SignedCheckpointsCoverEachGrowthAndOpenWithTheSitesVerifierKey()
    {
        await using var ledger = await CreateAsync();
        var signer = LogKeys.LoadSigner(LogKeys.Generate("ledger.test.example"));
        var key = LogKeys.VerifierKey(LogKeys.Origin(signer, "claimcmr"), signer.PublicKey.Span);
        await AppendAsync(ledger, 5);
        Assert.Equal(1, await ledger.Store.SignCheckpointsAsync(signer, Token));
        Assert.Equal(0, await ledger.Store.SignCheckpointsAsync(signer, Token));
        await AppendAsync(ledger, 2);
        Assert.Equal(1, await ledger.Store.SignCheckpointsAsync(signer, Token));

        var newest = SignedCheckpoints.Open((await ledger.Store.CheckpointAsync("claimcmr", cancellationToken: Token))!, key);
        var first = SignedCheckpoints.Open((await ledger.Store.CheckpointAsync("claimcmr", 5, Token))!, key);
        Assert.Equal(new LogCheckpoint("ledger.test.example/claimcmr", 7, Convert.ToBase64String(await ledger.Store.RootAsync("claimcmr", 7, Token))), newest);
        Assert.Equal(Convert.ToBase64String(await ledger.Store.RootAsync("claimcmr", 5, Token)), first.Root);
        Assert.Equal([5L, 7L], (await ledger.Store.CheckpointsAsync("claimcmr", Token)).Select(c => c.Size));
        Assert.Empty(await ledger.ProblemsAsync());
        Assert.All(await LedgerVerifier.VerifyAsync(ledger.Store, "claimcmr", _ => key, Token), v => Assert.True(v.Verified));
    }

    [Fact]
    public async Task ALedgerFromBeforeTreesGetsOneOverItsEntriesWhenMigrated()
    {
        await using var ledger = await CreateAsync();
        var entries = await AppendAsync(ledger, 9);
        await ledger.Store.PurgeBeforeAsync("claimcmr", DateTimeOffset.FromUnixTimeMilliseconds(Receipts.Make(4, "claimcmr").ServerTime.ToUnixTimeMilliseconds()), Token);
        await ledger.TamperAsync(LedgerUnderTest.BeforeVersion5);
        await ledger.TamperAsync("DROP TABLE trees; DROP TABLE tree_hashes; DROP TABLE signed_checkpoints; DELETE FROM schema_version WHERE version >= 4;");
        await ledger.Store.MigrateAsync(Token);

        var remaining = await ledger.EntriesAsync();
        var tree = (await ledger.Store.TreeAsync("claimcmr", Token))!;
        Assert.Equal(3, tree.Base);
        Assert.Equal(remaining.Count, tree.Size);
        Assert.Equal(Convert.ToBase64String(RootOf(remaining)), tree.Root);
        Assert.Empty(await ledger.ProblemsAsync());
        var next = await ledger.Store.AppendAsync([SerializedReceipt.From(Receipts.Make(50, "claimcmr"))], Token);
        Assert.Equal(tree.Size, next.Single().LeafIndex);
        Assert.Equal(entries[^1].Sequence + 2, next.Single().Sequence);
        Assert.Empty(await ledger.ProblemsAsync());
    }

    [Fact]
    public async Task APurgeKeepsTheTreeAbleToProveWhatRemains()
    {
        await using var ledger = await CreateAsync();
        await AppendAsync(ledger, 10);
        await ledger.Store.PurgeBeforeAsync("claimcmr", DateTimeOffset.FromUnixTimeMilliseconds(Receipts.Make(6, "claimcmr").ServerTime.ToUnixTimeMilliseconds()), Token);
        var remaining = await ledger.EntriesAsync();
        var tree = (await ledger.Store.TreeAsync("claimcmr", Token))!;
        Assert.Equal(11, tree.Size); // ten receipts and the purge record
        foreach (var e in remaining)
        {
            var index = tree.LeafIndex(e.Sequence);
            var proof = await ledger.Store.InclusionProofAsync("claimcmr", index, tree.Size, Token);
            Assert.True(MerkleProof.VerifyInclusion(MerkleHash.Leaf(e.LeafData()), index, tree.Size, proof, tree.RootHash()));
        }

        Assert.Empty(await ledger.ProblemsAsync());
    }

    [Fact]
    public async Task ARewrittenTreeHashOrCheckpointIsNamedByVerify()
    {
        var signer = LogKeys.LoadSigner(LogKeys.Generate("ledger.test.example"));
        await using var ledger = await CreateAsync();
        await AppendAsync(ledger, 6);
        await ledger.Store.SignCheckpointsAsync(signer, Token);
        await ledger.TamperAsync("UPDATE tree_hashes SET hash = (SELECT hash FROM tree_hashes WHERE idx = 0) WHERE idx = 3;");
        var problem = Assert.Single(await ledger.ProblemsAsync());
        Assert.Equal((3L, "edited"), (problem.Sequence, problem.Kind));
        Assert.Contains("stored hash 3", problem.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AChainRewrittenConsistentlyAfterASignedCheckpointIsCaughtByThatCheckpoint()
    {
        var signer = LogKeys.LoadSigner(LogKeys.Generate("ledger.test.example"));
        await using var ledger = await CreateAsync();
        await AppendAsync(ledger, 4);
        await ledger.Store.SignCheckpointsAsync(signer, Token);

        // Whoever can write the database drops everything but the signed checkpoint and writes another history.
        await ledger.TamperAsync("DELETE FROM receipts; DELETE FROM heads; DELETE FROM trees; DELETE FROM tree_hashes; DELETE FROM checkpoints; DELETE FROM consent_counts; DELETE FROM stats_folded;");
        await ledger.Store.AppendAsync([.. Enumerable.Range(100, 4).Select(i => SerializedReceipt.From(Receipts.Make(i, "claimcmr")))], Token);

        var problem = Assert.Single(await ledger.ProblemsAsync());
        Assert.Contains("signed checkpoint of size 4", problem.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ABatchThatFailsLeavesTheTreeAsItWasAndTheNextOneGoesOn()
    {
        await using var ledger = await CreateAsync();
        await AppendAsync(ledger, 5);
        // A stray row where the next leaf's hash goes (storage index 8 is leaf 5's): the next batch fails as a whole.
        await ledger.TamperAsync("INSERT INTO tree_hashes (site, idx, hash) SELECT site, 8, hash FROM tree_hashes WHERE idx = 0;");
        await Assert.ThrowsAnyAsync<Exception>(() => AppendAsync(ledger, 3));
        Assert.Equal(5, (await ledger.Store.TreeAsync("claimcmr", Token))!.Size);
        Assert.Equal(5, (await ledger.EntriesAsync()).Count);

        await ledger.TamperAsync("DELETE FROM tree_hashes WHERE idx = 8;");
        var entries = await AppendAsync(ledger, 3, 2);
        Assert.Equal([5L, 6, 7, 8, 9], entries.Select(e => e.LeafIndex ?? -1));
        Assert.Empty(await ledger.ProblemsAsync());
    }

    [Fact]
    public async Task GosTlogAcceptsTheStoresCheckpointAndProofs()
    {
        await using var ledger = await CreateAsync();
        var signer = LogKeys.LoadSigner(LogKeys.Generate("ledger.test.example"));
        var entries = await AppendAsync(ledger, 6, 7);
        await ledger.Store.SignCheckpointsAsync(signer, Token);
        var note = (await ledger.Store.CheckpointAsync("claimcmr", cancellationToken: Token))!;
        var leaves = new List<object>();
        foreach (var e in entries)
        {
            leaves.Add(new { index = e.LeafIndex, data = Convert.ToBase64String(e.LeafData()), proof = (await ledger.Store.InclusionProofAsync("claimcmr", e.LeafIndex!.Value, 13, Token)).Select(Convert.ToBase64String) });
        }

        var older = new List<object>();
        for (long size = 1; size <= 13; size++)
        {
            older.Add(new { size, root = Convert.ToBase64String(await ledger.Store.RootAsync("claimcmr", size, Token)), proof = (await ledger.Store.ConsistencyProofAsync("claimcmr", size, 13, Token)).Select(Convert.ToBase64String) });
        }

        var (exit, lines) = await TlogVerifier.RunAsync(new { verifierKey = LogKeys.VerifierKey(LogKeys.Origin(signer, "claimcmr"), signer.PublicKey.Span), checkpoint = note, leaves, older });

        Assert.True(exit == 0, string.Join("\n", lines));
        Assert.Equal(1 + 13 + 13, lines.Length);
    }

    private static async Task<List<LedgerEntry>> AppendAsync(LedgerUnderTest ledger, params int[] batches)
    {
        var all = new List<LedgerEntry>();
        var next = (await ledger.Store.TreeAsync("claimcmr", Token))?.Size ?? 0;
        foreach (var count in batches)
        {
            all.AddRange(await ledger.Store.AppendAsync([.. Enumerable.Range((int)next + 1, count).Select(i => SerializedReceipt.From(Receipts.Make(i, "claimcmr")))], Token));
            next += count;
        }

        return all;
    }

    private static byte[] RootOf(IEnumerable<LedgerEntry> entries) =>
        MerkleTreeTests.Grow([.. entries.Select(e => e.LeafData())], out _).Root();
}
