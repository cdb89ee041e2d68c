using Consentry.Ledger.Chain;
using Consentry.Ledger.Receipts;
using Consentry.Ledger.Transparency;

namespace Consentry.Ledger.Tests;

/// <summary>Verifying a ledger that keeps taking receipts; run once per store (SQLite file, PostgreSQL server).</summary>
public abstract class LiveVerificationContractTests
{
    private protected abstract Task<LedgerUnderTest> CreateAsync();

    [Fact]
    public async Task VerifyingWhileAnotherProcessCommitsAndSignsFindsNoProblem()
    {
        var token = TestContext.Current.CancellationToken;
        await using var ledger = await CreateAsync();
        await using var server = ledger.Reopen();
        var signer = LogKeys.LoadSigner(LogKeys.Generate("ledger.test.example"));
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(token);
        var writing = Task.Run(async () =>
        {
            for (var next = 1; !stop.IsCancellationRequested; next += 3)
            {
                await server.AppendAsync([.. Enumerable.Range(next, 3).Select(i => SerializedReceipt.From(Receipts.Make(i)))], CancellationToken.None);
                await server.SignCheckpointsAsync(signer, CancellationToken.None);
            }
        }, token);

        // Counts verifications a commit landed in the middle of (the head moved meanwhile); the ceiling only catches a hang.
        var overlapped = 0;
        var deadline = DateTime.UtcNow.AddMinutes(3);
        while (overlapped < 10)
        {
            Assert.True(DateTime.UtcNow < deadline, "hung: commits never overlapped a verification");
            var before = await ledger.Store.HeadAsync("claimcmr", token);
            var problems = (await LedgerVerifier.VerifyAsync(ledger.Store, "claimcmr", token)).SelectMany(v => v.Problems);
            var after = await ledger.Store.HeadAsync("claimcmr", token);
            Assert.Empty(problems);
            overlapped += before?.Sequence != after?.Sequence ? 1 : 0;
        }

        await stop.CancelAsync();
        await writing;
        Assert.Empty(await ledger.ProblemsAsync());
    }
}
