namespace Consentry.Ledger.Tests.Transparency;

public sealed class PostgresLogTests(PostgresFixture fixture) : LogContractTests
{
    private protected override Task<LedgerUnderTest> CreateAsync() => PostgresStoreTests.CreatePostgresAsync(fixture);
}
