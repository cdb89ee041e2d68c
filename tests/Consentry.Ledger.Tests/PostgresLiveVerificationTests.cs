namespace Consentry.Ledger.Tests;

public sealed class PostgresLiveVerificationTests(PostgresFixture fixture) : LiveVerificationContractTests
{
    private protected override Task<LedgerUnderTest> CreateAsync() => PostgresStoreTests.CreatePostgresAsync(fixture);
}
