namespace Consentry.Ledger.Tests;

public sealed class PublicApiTests
{
    [Fact]
    public void PublicApiMatchesTheApprovedList() => PublicApi.AssertApproved(typeof(Consentry.Ledger.Receipts.ConsentReceipt).Assembly, "Consentry.Ledger.Tests");
}
