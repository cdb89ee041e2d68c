namespace Consentry.AspNetCore.Tests;

public sealed class PublicApiTests
{
    [Fact]
    public void PublicApiMatchesTheApprovedList() => PublicApi.AssertApproved(typeof(Consentry.AspNetCore.ConsentState).Assembly, "Consentry.AspNetCore.Tests");
}
