using Consentry.Ledger.Stores;

namespace Consentry.Ledger.Tests;

/// <summary>A store under test, with raw SQL access to tamper with it as an attacker with database access would.</summary>
internal sealed class LedgerUnderTest(IReceiptStore store, Func<string, Task> tamper, Func<IReceiptStore> reopen, string dropConstraints, Func<ValueTask> cleanup) : IAsyncDisposable
{
    public IReceiptStore Store { get; } = store;

    /// <summary>SQL that removes the table's uniqueness constraints (each dialect's way).</summary>
    public string DropConstraints { get; } = dropConstraints;

    public Task TamperAsync(string sql) => tamper(sql);

    /// <summary>A second store object over the same database, as another process would open it.</summary>
    public IReceiptStore Reopen() => reopen();

    public async ValueTask DisposeAsync()
    {
        await Store.DisposeAsync();
        await cleanup();
    }
}
