namespace Consentry.Ledger.Tests;

public sealed class SqliteLiveVerificationTests : LiveVerificationContractTests
{
    private protected override Task<LedgerUnderTest> CreateAsync() => SqliteStoreTests.CreateSqliteAsync();
}
