namespace Consentry.Ledger.Tests.Transparency;

public sealed class SqliteLogTests : LogContractTests
{
    private protected override Task<LedgerUnderTest> CreateAsync() => SqliteStoreTests.CreateSqliteAsync();
}
