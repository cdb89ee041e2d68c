using Consentry.Ledger.Chain;
using Consentry.Ledger.Receipts;
using Consentry.Ledger.Stores;

namespace Consentry.Ledger.Tests;

/// <summary>A store under test, with raw SQL access to tamper with it as an attacker with database access would.</summary>
internal sealed class LedgerUnderTest(IReceiptStore store, Func<string, Task> tamper, Func<IReceiptStore> reopen, string dropConstraints, Func<ValueTask> cleanup) : IAsyncDisposable
{
    public IReceiptStore Store { get; } = store;

    /// <summary>SQL that removes the table's uniqueness constraints (each dialect's way).</summary>
    public string DropConstraints { get; } = dropConstraints;

    public Task TamperAsync(string sql) => tamper(sql);

    /// <summary>Puts the schema back to version 4: the indexes on consent ids and on (site, receipt id) of before.</summary>
    public const string BeforeVersion5 = """
        DROP INDEX receipts_consent_receipt;
        CREATE INDEX receipts_consent_id ON receipts (consent_id);
        CREATE UNIQUE INDEX receipts_receipt_id ON receipts (site, receipt_id) WHERE receipt_id IS NOT NULL;
        DELETE FROM schema_version WHERE version >= 5;
        """;

    /// <summary>A new ledger of the kind <paramref name="create"/> makes, holding receipts 1 to <paramref name="count"/>.</summary>
    public static async Task<LedgerUnderTest> WithReceiptsAsync(Func<Task<LedgerUnderTest>> create, int count, string site = "claimcmr")
    {
        var ledger = await create();
        await ledger.Store.AppendAsync([.. Enumerable.Range(1, count).Select(i => SerializedReceipt.From(Receipts.Make(i, site)))], TestContext.Current.CancellationToken);
        return ledger;
    }

    /// <summary>Every problem verification reports, for the site and for the ledger as a whole.</summary>
    public async Task<IReadOnlyList<ChainProblem>> ProblemsAsync(string site = "claimcmr") =>
        [.. (await LedgerVerifier.VerifyAsync(Store, site, TestContext.Current.CancellationToken)).SelectMany(v => v.Problems)];

    /// <summary>The site's entries as stored.</summary>
    public async Task<List<LedgerEntry>> EntriesAsync(string site = "claimcmr") =>
        await Store.ReadAsync(site, cancellationToken: TestContext.Current.CancellationToken).ToListAsync(TestContext.Current.CancellationToken);

    /// <summary>A second store object over the same database, as another process would open it.</summary>
    public IReceiptStore Reopen() => reopen();

    public async ValueTask DisposeAsync()
    {
        await Store.DisposeAsync();
        await cleanup();
    }
}
