namespace Consentry.Server.Tests;

public sealed class PublicApiTests
{
    [Fact]
    public void PublicApiMatchesTheApprovedList() => PublicApi.AssertApproved(typeof(ConsentryServer).Assembly, "Consentry.Server.Tests");
}
