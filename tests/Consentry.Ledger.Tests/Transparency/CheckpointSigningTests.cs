using Consentry.Ledger.Transparency;
using Consentry.Ledger.Writing;

namespace Consentry.Ledger.Tests.Transparency;

public sealed class CheckpointSigningTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TheLastCommitBeforeAQuietSpellIsSignedWithoutAnotherCommit()
    {
        await using var ledger = await SqliteStoreTests.CreateSqliteAsync();
        var signer = LogKeys.LoadSigner(LogKeys.Generate("ledger.test.example"));
        await using var writer = new ReceiptWriter(ledger.Store, signer, TimeSpan.FromMilliseconds(200));
        for (var i = 1; i <= 3; i++)
        {
            // Commits closer together than the interval: the later ones find a round running or too recent.
            await writer.WriteAsync(Receipts.Make(i), Token);
        }

        // Nothing else is written; the writer must still come back for the last commit.
        await Consentry.Tests.Eventually.UntilAsync(
            async () => await ledger.Store.CheckpointAsync("claimcmr", cancellationToken: Token) is { } note && SignedCheckpoints.ReadUnverified(note).Size >= 3,
            "a signed checkpoint of all three receipts", Token);
    }
}
