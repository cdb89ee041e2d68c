namespace Consentry.Browser.Tests;

public sealed class ScannerPublicApiTests
{
    [Fact]
    public void PublicApiMatchesTheApprovedList() => PublicApi.AssertApproved(typeof(Consentry.Scanner.ScanResult).Assembly, "Consentry.Browser.Tests");
}
